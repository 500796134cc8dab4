import { RulesetDocumentSchema, type Ruleset } from "./schema";
import { RulesetError, type RulesetIssue } from "./ruleset-error";

function describeFound(doc: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = doc;
  for (const key of path) {
    if (node === null || typeof node !== "object") return "nothing";
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  if (node === undefined) return "nothing";
  const text = JSON.stringify(node) ?? String(node);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Validates a parsed ruleset document (from JSON or YAML) against {@link RulesetDocumentSchema}
 * (every field range and the relations between fields).
 * `source` names the document in error messages.
 *
 * @throws RulesetError listing every problem with its path, what was expected and what was found.
 * @example parseRuleset({ id: "x" }, "x.json") // throws RulesetError mentioning "version"
 */
export function parseRuleset(doc: unknown, source: string): Ruleset {
  const parsed = RulesetDocumentSchema.safeParse(doc);
  if (parsed.success) return parsed.data;
  const issues: RulesetIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: `${issue.message} (found ${describeFound(doc, issue.path)})`,
  }));
  throw new RulesetError(source, issues);
}

/**
 * Returns a copy of `ruleset` with the value at the dotted `path` replaced, validated again — the
 * basis of threshold sweeps. The input is not modified.
 *
 * @throws RulesetError when the path does not exist or the new value breaks the schema.
 * @example withRulesetValue(rules, "trend.alpha", 0.1).trend // → { …, alpha: 0.1 }
 */
export function withRulesetValue(ruleset: Ruleset, path: string, value: unknown): Ruleset {
  return withRulesetValues(ruleset, { [path]: value });
}

/**
 * Returns a copy of `ruleset` with every dotted path of `values` replaced at once, then validated
 * once — so settings that must move together (e.g. `health.bands.onTrack` and `.watch`) are
 * judged as a whole, not one by one. The input is not modified.
 *
 * @throws RulesetError when a path does not exist or the new values break the schema.
 * @example withRulesetValues(rules, { "health.bands.onTrack": 90, "health.bands.watch": 85 }).health.bands
 *   // → { onTrack: 90, watch: 85 }
 */
export function withRulesetValues(ruleset: Ruleset, values: Readonly<Record<string, unknown>>): Ruleset {
  const copy = structuredClone(ruleset) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split(".");
    let node: Record<string, unknown> = copy;
    for (let i = 0; i < keys.length - 1; i++) {
      const next = node[keys[i] as string];
      if (next === null || typeof next !== "object") {
        throw new RulesetError(ruleset.id, [{ path, message: `no such setting (stops at ${keys[i]})` }]);
      }
      node = next as Record<string, unknown>;
    }
    const last = keys[keys.length - 1] as string;
    if (!(last in node)) throw new RulesetError(ruleset.id, [{ path, message: "no such setting" }]);
    node[last] = value;
  }
  const described = Object.entries(values)
    .map(([path, value]) => `${path}=${JSON.stringify(value)}`)
    .join(", ");
  return parseRuleset(copy, `${ruleset.id} with ${described}`);
}
