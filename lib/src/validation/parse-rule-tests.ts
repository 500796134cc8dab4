/**
 * Reading a rule-test file (YAML, or JSON — a subset of YAML) with the line of every problem.
 */
import { isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { RuleTestFileSchema, type RuleTestFile } from "./rule-test-schema";

/** A problem in a rule-test file. */
export interface RuleTestFileIssue {
  readonly file: string;
  /** 1-based line (0 when unknown). */
  readonly line: number;
  /** Dotted path in the document, e.g. `cases.2.expect.health`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown when a rule-test file cannot be used; lists every problem (`issues`), one per message line
 * as `file:line: path: message`.
 *
 * @example parseRuleTests("cases: []\n", "t.yaml") // throws RuleTestFileError "t.yaml:1: cases: Too small…"
 */
export class RuleTestFileError extends Error {
  readonly issues: readonly RuleTestFileIssue[];
  constructor(issues: readonly RuleTestFileIssue[]) {
    super(issues.map((i) => `${i.file}:${i.line}: ${i.path ? `${i.path}: ` : ""}${i.message}`).join("\n"));
    this.name = "RuleTestFileError";
    this.issues = issues;
  }
}

/** A parsed rule-test file and where each case starts. */
export interface ParsedRuleTests {
  readonly file: string;
  readonly suite: RuleTestFile;
  /** 1-based line of each case (same order as `suite.cases`). */
  readonly caseLines: readonly number[];
}

/** Line of the node at `path`, or of its nearest existing ancestor. */
function lineAt(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true)) as
      Node | undefined;
    if (node && typeof node === "object" && "range" in node && node.range)
      return counter.linePos(node.range[0]).line;
  }
  return 0;
}

/** Drops the checkpoint index the schema adds when `expect` was written as a single object. */
function asWritten(doc: Document, path: readonly PropertyKey[]): PropertyKey[] {
  const at = path.indexOf("expect");
  if (at < 0 || typeof path[at + 1] !== "number") return [...path];
  const node = doc.getIn(path.slice(0, at + 1) as unknown[], true);
  return isSeq(node) ? [...path] : [...path.slice(0, at + 1), ...path.slice(at + 2)];
}

/**
 * Parses and validates a rule-test file's text.
 *
 * @throws RuleTestFileError listing every syntax or schema problem with its line and path.
 * @example parseRuleTests("cases: []\n", "t.yaml") // throws RuleTestFileError ("cases: Too small…")
 */
export function parseRuleTests(text: string, file: string): ParsedRuleTests {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new RuleTestFileError(
      doc.errors.map((e) => ({
        file,
        line: counter.linePos(e.pos[0]).line,
        path: "",
        message: e.message.split("\n")[0] ?? e.message,
      })),
    );
  }
  const parsed = RuleTestFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new RuleTestFileError(
      parsed.error.issues.map((i) => {
        const path = asWritten(doc, i.path);
        return {
          file,
          line: lineAt(doc, counter, path),
          path: path.map(String).join("."),
          message: i.message,
        };
      }),
    );
  }
  return {
    file,
    suite: parsed.data,
    caseLines: parsed.data.cases.map((_, i) => lineAt(doc, counter, ["cases", i])),
  };
}
