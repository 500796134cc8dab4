/**
 * Section 9 — governance and data quality: missions without a business owner, AI role or
 * escalation path; the loader's warnings; runs excluded and why; runs after the as-of date; and a
 * fingerprint (SHA-256) of the input files.
 */
import type { GovernanceFinding } from "../../evaluate/types";
import type { BriefContext } from "../brief-types";
import { formatCount, listText, plural } from "../format";
import { html, type SafeHtml } from "../html";
import { listHtml, sectionHtml } from "./parts";
import { sevenQuestionsHtml, sevenQuestionsModel, type SevenQuestionsModel } from "./seven-questions";

/** A mission's missing governance fields. */
export interface GovernanceGap {
  readonly missionId: string;
  readonly missionName: string;
  /** e.g. ["business owner", "AI role", "escalation path"]. */
  readonly missing: readonly string[];
}

/** An input file as listed in the brief. */
export interface SourceFileLine {
  /** File name only (no folder). */
  readonly name: string;
  /** e.g. "40 rows", or "". */
  readonly rows: string;
  /** SHA-256, hex, or "". */
  readonly sha256: string;
}

/** The governance section's content. */
export interface GovernanceModel {
  /** Missions with a gap, weakest first (at most `maxListItems`). */
  readonly gaps: readonly GovernanceGap[];
  /** Missions with a gap not listed. */
  readonly moreGaps: number;
  /** Summary sentence of the gaps. */
  readonly gapsSummary: string;
  /** Loader warnings, "file:line: message" (at most the list limit). */
  readonly warnings: readonly string[];
  /** Warnings not listed. */
  readonly moreWarnings: number;
  /** Excluded runs, "run (mission): reason" (at most the list limit). */
  readonly excluded: readonly string[];
  readonly moreExcluded: number;
  /** Summary of excluded and ignored runs. */
  readonly runsSummary: string;
  /** SHA-256 over the input files (hex). */
  readonly fingerprint: string;
  /** Dataset folder name, or null. */
  readonly source: string | null;
  readonly files: readonly SourceFileLine[];
  /** Governance's seven questions per mission. */
  readonly questions: SevenQuestionsModel;
  /** Names shortened for display elsewhere in the brief: the full text is kept in a `title`. */
  readonly shortenedNames?: readonly { readonly short: string; readonly full: string }[];
}

const FIELD_WORDS: Readonly<Record<GovernanceFinding["field"], string>> = {
  businessOwner: "business owner",
  aiRole: "AI role",
  escalationPath: "escalation path",
};

/** Last segment of a path (either separator), without resolving anything. */
function baseName(path: string): string {
  const parts = path.split(/[\\/]+/).filter((p) => p !== "" && p !== ".");
  return parts[parts.length - 1] ?? path;
}

/**
 * The governance and data-quality section of an evaluation.
 *
 * @example governanceModel(ctx).gaps.length // → 3 (seed portfolio: no mission has an owner)
 */
export function governanceModel(ctx: BriefContext): GovernanceModel {
  const { result, options } = ctx;
  const limit = options.maxListItems;
  const byMission = new Map<string, { name: string; missing: string[] }>();
  for (const g of result.portfolio.governance) {
    const entry = byMission.get(g.missionId) ?? { name: g.missionName, missing: [] };
    const word = FIELD_WORDS[g.field] ?? String(g.field);
    if (!entry.missing.includes(word)) entry.missing.push(word);
    byMission.set(g.missionId, entry);
  }
  const order = new Map(ctx.missions.map((m, i) => [m.missionId, i]));
  const gaps = [...byMission.entries()]
    .sort((a, b) => (order.get(a[0]) ?? 1e9) - (order.get(b[0]) ?? 1e9) || (a[0] < b[0] ? -1 : 1))
    .map(([missionId, e]) => ({ missionId, missionName: e.name, missing: e.missing }));
  const gapsSummary =
    gaps.length === 0
      ? "Every mission has a business owner, an AI role and an escalation path."
      : `${gaps.length} of ${plural(result.portfolio.missions.length, "mission")} lack${gaps.length === 1 ? "s" : ""} a governance field:`;
  const warnings = result.dataWarnings.map((w) => {
    const where = w.file
      ? `${baseName(w.file)}${w.line !== undefined ? `:${w.line}` : w.row !== undefined ? ` row ${w.row}` : ""}: `
      : "";
    return `${where}${w.message}`;
  });
  const excluded = result.ledger.excluded.map((x) => `${x.runId} (${x.missionId}): ${x.reason}`);
  const ignored = result.ledger.ignoredAfterAsOf;
  const runsSummary =
    (excluded.length === 0
      ? "No run was excluded."
      : `${plural(excluded.length, "run")} excluded from the evaluation:`) +
    (ignored > 0
      ? ` ${plural(ignored, "run")} after the as-of date ${ignored === 1 ? "was" : "were"} ignored.`
      : "");
  const files = (options.source?.files ?? []).map((f) => ({
    name: baseName(f.path),
    rows:
      f.rows !== undefined
        ? plural(f.rows, "row")
        : f.bytes !== undefined
          ? `${formatCount(f.bytes, 0)} bytes`
          : "",
    sha256: f.sha256 ?? "",
  }));
  return {
    gaps: gaps.slice(0, limit),
    moreGaps: Math.max(0, gaps.length - limit),
    gapsSummary,
    warnings: warnings.slice(0, limit),
    moreWarnings: Math.max(0, warnings.length - limit),
    excluded: excluded.slice(0, limit),
    moreExcluded: Math.max(0, excluded.length - limit),
    runsSummary,
    fingerprint: result.inputFingerprint,
    source: options.source?.folder ? baseName(options.source.folder) : null,
    files,
    questions: sevenQuestionsModel(ctx),
  };
}

/**
 * The section as HTML (`<section id="governance">`).
 *
 * @example String(governanceHtml(model.governance)).startsWith('<section id="governance"') // → true
 */
export function governanceHtml(m: GovernanceModel): SafeHtml {
  const gaps = m.gaps.map(
    (g) =>
      html`<li><strong>${g.missionName}</strong> <span class="muted">(${g.missionId})</span>: no ${listText(g.missing)}.</li>`,
  );
  const more = (n: number, what: string) =>
    n > 0 ? html`<p class="small muted">… and ${n} more ${what}.</p>` : "";
  const files = m.files.map(
    (f) => html`<tr><td>${f.name}</td><td class="num">${f.rows}</td><td class="hash">${f.sha256}</td></tr>`,
  );
  const shortened = (m.shortenedNames ?? []).map(
    (n) =>
      html`<li><span title="${n.full}">${n.short}</span> <span class="muted">(${Array.from(n.full).length.toLocaleString("en-US")} characters; the full name is this item's tooltip)</span></li>`,
  );
  // prettier-ignore
  const shortenedList = shortened.length ? html`<h3>Names shortened for display</h3>
<ul class="small">${shortened}</ul>
` : "";
  return sectionHtml(
    "governance",
    "Governance and data quality",
    html`<h3>Governance</h3>
<p>${m.gapsSummary}</p>
${gaps.length ? html`<ul>${gaps}</ul>` : ""}
${more(m.moreGaps, "missions with a governance gap")}
${sevenQuestionsHtml(m.questions)}
<h3>Data quality</h3>
<p>${m.warnings.length ? `${plural(m.warnings.length + m.moreWarnings, "warning")} from loading:` : "Loading raised no warning."}</p>
${listHtml(m.warnings, "", "small")}
${more(m.moreWarnings, "warnings")}
<p>${m.runsSummary}</p>
${listHtml(m.excluded, "", "small")}
${more(m.moreExcluded, "excluded runs")}
<h3>Input fingerprint</h3>
<p>${m.source ? html`Dataset <strong>${m.source}</strong>. ` : ""}SHA-256 of the input files: <span class="hash">${m.fingerprint}</span></p>
${shortenedList}${files.length ? html`<table class="files"><thead><tr><th scope="col">File</th><th scope="col" class="num">Size</th><th scope="col">SHA-256</th></tr></thead><tbody>${files}</tbody></table>` : ""}`,
    "page-break-auto",
  );
}
