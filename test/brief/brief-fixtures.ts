/** Inputs shared by the brief tests (not a test file): the demo, the seed portfolio, hostile data. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  builtinRuleset,
  datasetFromInline,
  evaluate,
  loadDataset,
  type Dataset,
  type EvaluationResult,
  type InlineMission,
  type Ruleset,
} from "../../lib/src/index";

export const demoDir = resolve(__dirname, "../../data/demo");
export const seedDir = resolve(__dirname, "../../../shared/fixtures/seed-portfolio");
export const seedPresent = existsSync(seedDir);

export const defaultRules: Ruleset = builtinRuleset("default");
export const seedV3: Ruleset = builtinRuleset("seed-v3");

export interface Evaluated {
  readonly dataset: Dataset;
  readonly rules: Ruleset;
  readonly result: EvaluationResult;
}

/** The demo portfolio under the default ruleset. */
export async function demo(): Promise<Evaluated> {
  const dataset = await loadDataset(demoDir);
  return { dataset, rules: defaultRules, result: evaluate(dataset, defaultRules) };
}

/** The seed portfolio under seed-v3 (call only when {@link seedPresent}). */
export async function seed(): Promise<Evaluated> {
  const dataset = await loadDataset(seedDir);
  return { dataset, rules: seedV3, result: evaluate(dataset, seedV3) };
}

export const SCRIPT = "<script>alert(1)</script>";
export const HANDLER = '" onmouseover="x';
export const JS_URL = "javascript:alert(1)";
export const LONG = "L".repeat(4_990) + "-long-name";
export const HEBREW = "משימה בעברית";
export const ARABIC = "مهمة باللغة العربية";
export const EMOJI = "Rocket 🚀 mission 👩🏽‍💻";

const tasks = (prefix: string) => [
  {
    id: `${prefix}${SCRIPT}`,
    name: `Approve ${SCRIPT}`,
    estimate: 10,
    approval: true,
    delay: [5, 20, 30, 40, 45, 50, 60, 70],
  },
  { id: `${prefix}-t2`, name: `${HANDLER} task`, estimate: 20, actual: [20, 25, 30, 40, 45, 50, 55, 60] },
];

/** Missions whose names, ids, KPI names and units are hostile or unusual. */
export const HOSTILE_MISSIONS: InlineMission[] = [
  {
    id: SCRIPT,
    name: `${SCRIPT} mission`,
    kpi: { name: `kpi_${SCRIPT}`, direction: "lower_is_better", unit: SCRIPT, baseline: 20, target: 5 },
    values: [20, 19, 17, 16, 14, 13, 11, 10],
    interventions: [0, 1, 1, 2, 2, 3, 3, 4],
    tasks: tasks("a"),
  },
  {
    id: `m-${HANDLER}`,
    name: HANDLER,
    kpi: { name: HANDLER, direction: "higher_is_better", unit: HANDLER, baseline: 50, target: 90 },
    values: [50, 52, 51, 55, 57, 58, 60, 61],
    tasks: tasks("b"),
  },
  {
    id: JS_URL,
    name: JS_URL,
    kpi: { name: JS_URL, direction: "lower_is_better", unit: "h", baseline: 12, target: 4 },
    values: [12, 12, 13, 12, 12, 13, 12, 12],
    tasks: tasks("c"),
  },
  {
    id: "long",
    name: LONG,
    kpi: {
      name: "resolution_time_hours",
      direction: "lower_is_better",
      unit: "hours",
      baseline: 12,
      target: 4,
    },
    values: [5.2, 3.9],
  },
  {
    id: "rtl-he",
    name: HEBREW,
    kpi: { name: HEBREW, direction: "lower_is_better", unit: "ימים", baseline: 10, target: 2 },
    values: [10, 9, 8, 7, 6, 5, 4, 3],
  },
  {
    id: "rtl-ar",
    name: ARABIC,
    kpi: { name: ARABIC, direction: "higher_is_better", baseline: 1, target: 9 },
    values: [1, 2, 2, 3, 4, 4, 5, 6],
  },
  {
    id: "emoji",
    name: EMOJI,
    kpi: { name: "🚀_rate", direction: "higher_is_better", unit: "🚀", baseline: 1, target: 3 },
    values: [1, 1.5, 2, 2.5, 3, 3.2, 3.4, 3.5],
  },
];

/** The hostile dataset evaluated under the default ruleset. */
export function hostile(): EvaluationResult {
  return evaluate(datasetFromInline(HOSTILE_MISSIONS, "hostile"), defaultRules);
}

/** Every start tag in a document (data never produces a raw "<": it is escaped). */
export function startTags(doc: string): string[] {
  return doc.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

/** Attribute names and (unquoted) values of a start tag. */
export function attributes(tag: string): [string, string][] {
  const body = tag.replace(/^<[a-zA-Z][\w:-]*/, "").replace(/\/?>$/, "");
  return [...body.matchAll(/\s*([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)].map((m) => [
    (m[1] ?? "").toLowerCase(),
    m[2] ?? m[3] ?? m[4] ?? "",
  ]);
}

/** Text of a PDF via pdftotext, whitespace collapsed and line-end hyphen breaks joined. */
export function normalizedText(raw: string): string {
  return raw.replace(/-\s*\n\s*/g, "-").replace(/\s+/g, " ");
}
