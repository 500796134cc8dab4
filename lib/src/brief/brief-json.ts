/**
 * The brief model as a file: `brief-‹name›-‹as-of›.json` beside the HTML and PDF, versioned, so a
 * brief can be re-rendered without the data (`mission render`) and a later brief can say what
 * changed since (`mission brief --since ‹brief.json›`). Reading validates the file with zod: the
 * version, the header fields, the snapshot and the charts exactly; the sections' shape as objects
 * with the fields the HTML reads.
 */
import { z } from "zod";
import type { BriefModel } from "./brief-model";

/**
 * Version of the brief JSON format; a file of another version is refused.
 *
 * @example BRIEF_JSON_VERSION // → 2
 */
export const BRIEF_JSON_VERSION = 2;

const band = z.enum(["ON_TRACK", "WATCH", "ATTENTION_REQUIRED"]);
const fact = z.object({ label: z.string(), value: z.string() });
const chart = z.object({
  id: z.string().min(1),
  kind: z.enum(["portfolio-health", "autonomy", "kpi-trend", "human-touches", "bottlenecks"]),
  caption: z.string(),
  spec: z.record(z.string(), z.unknown()),
});
const section = z.record(z.string(), z.unknown());

/** Schema of a brief snapshot (the part `--since` compares). */
export const briefSnapshotSchema = z.strictObject({
  asOf: z.iso.datetime({ offset: true }),
  verdict: band,
  missions: z.array(
    z.strictObject({
      missionId: z.string(),
      missionName: z.string(),
      band,
      healthScore: z.number().finite(),
      triggers: z.array(z.string()),
      kpis: z.array(
        z.strictObject({
          kpi: z.string(),
          value: z.number().finite(),
          unit: z.string().optional(),
          direction: z.enum(["lower_is_better", "higher_is_better"]),
          primary: z.boolean(),
        }),
      ),
    }),
  ),
});

const briefFileSchema = z.looseObject({
  version: z.literal(BRIEF_JSON_VERSION),
  title: z.string(),
  subtitle: z.string(),
  asOf: z.iso.datetime({ offset: true }),
  asOfDate: z.iso.date(),
  generated: z.string(),
  ruleset: z.object({ id: z.string(), version: z.string() }),
  paper: z.enum(["a4", "letter"]),
  footerLabel: z.string(),
  snapshot: briefSnapshotSchema,
  since: section.nullable(),
  verdict: z.looseObject({ band, title: z.string(), sentence: z.string(), facts: z.array(fact) }),
  primaryIssue: section,
  focus: section,
  risks: z.looseObject({ rows: z.array(section), summary: z.string(), complete: z.boolean() }),
  trajectory: z.looseObject({ chart: chart.nullable() }),
  proof: section,
  autonomy: z.looseObject({ chart: chart.nullable() }),
  missionTable: z.looseObject({ rows: z.array(section) }),
  missionTableNote: z.string(),
  missionDetails: z.looseObject({ missions: z.array(z.looseObject({ charts: z.array(chart) })) }),
  governance: section,
  judged: z.looseObject({ portfolio: z.array(z.string()), missions: z.array(section) }),
});

/** A brief JSON file that failed validation. */
export class BriefJsonError extends Error {
  override readonly name = "BriefJsonError";
}

/**
 * The brief model as JSON text (two-space indented, trailing newline), with its version.
 *
 * @example JSON.parse(briefJson(model)).version // → 2
 */
export function briefJson(model: BriefModel): string {
  return `${JSON.stringify({ ...model, version: BRIEF_JSON_VERSION }, null, 2)}\n`;
}

/**
 * Parses and validates brief JSON text; `source` names the file in errors.
 *
 * @throws BriefJsonError when the text is not JSON, or not a brief of version
 *   {@link BRIEF_JSON_VERSION}: the message names the file and each field path with what was
 *   expected and found (at most 10 listed).
 * @example parseBriefJson(briefJson(model), "brief.json").asOf === model.asOf // → true
 */
export function parseBriefJson(text: string, source: string): BriefModel {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BriefJsonError(`${source}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = briefFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const lines = issues
      .slice(0, 10)
      .map((i) => `  ${i.path.length ? i.path.join(".") : "(top level)"}: ${i.message}`);
    const more = issues.length > 10 ? [`  … and ${issues.length - 10} more`] : [];
    throw new BriefJsonError(
      `${source}: not a brief JSON of version ${BRIEF_JSON_VERSION}:\n${[...lines, ...more].join("\n")}`,
    );
  }
  // The sections' inner shape is the model's own output (checked at the top level above).
  return parsed.data as unknown as BriefModel;
}
