/** One problem in a ruleset document. */
export interface RulesetIssue {
  /** Dotted path inside the document, e.g. `trend.alpha`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown when a ruleset cannot be read or does not satisfy the schema; lists every problem with
 * its path in the document.
 */
export class RulesetError extends Error {
  readonly source: string;
  readonly issues: readonly RulesetIssue[];
  constructor(source: string, issues: readonly RulesetIssue[]) {
    super(
      `${source}: invalid ruleset\n` +
        issues.map((i) => `  ${i.path || "(document)"}: ${i.message}`).join("\n"),
    );
    this.name = "RulesetError";
    this.source = source;
    this.issues = issues;
  }
}
