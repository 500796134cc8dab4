/**
 * The rule-test file format (YAML or JSON): small mission histories written inline, and the
 * outcome expected at given as-of points — like unit tests for alerting rules.
 *
 * ```yaml
 * rules: default                 # ruleset the cases assume (built-in name or file); --rules overrides
 * histories:                     # named histories, reusable by several cases
 *   improving:
 *     - id: M1
 *       kpi: { name: cycle_days, direction: lower_is_better, baseline: 20, target: 8 }
 *       values: [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9]
 * cases:
 *   - name: a steady improvement toward the target is ON_TRACK
 *     history: improving         # or `missions: [ … ]` inline
 *     set: { "trend.alpha": 0.1 } # optional ruleset overrides for this case
 *     expect:                    # one checkpoint or a list
 *       - asOf: M1-R06           # a run id (its start), a date (end of day) or a zoned date-time; default: the last run
 *         health: WATCH
 *         fires: [gate_insufficient_data]
 *       - health: ON_TRACK
 *         notFires: [MISSION_TREND_WORSENING, TARGET_GAP_PERSISTING]
 *         primaryDriver: none
 *         confidence: HIGH
 * ```
 *
 * Mission-level expectations (`health`, `fires`, `notFires`, `primaryDriver`, `confidence`,
 * `trend`) apply to `mission`, which may be omitted when the case has a single mission; `verdict`
 * is the portfolio's.
 */
import { z } from "zod";
import { BandSchema, TRIGGER_IDS, type TriggerId } from "../rules/schema";
import { InlineMissionSchema } from "./inline-history";

/**
 * Band gates a rule test can assert on (rules in a mission's band evidence).
 *
 * @example BAND_GATES.includes("gate_insufficient_data") // → true
 */
export const BAND_GATES = ["gate_high_triggers", "gate_high_trigger_cap", "gate_insufficient_data"] as const;
/** A band gate id. */
export type BandGate = (typeof BAND_GATES)[number];
/** A rule a test can expect to fire or not: a trigger or a band gate. */
export type RuleId = TriggerId | BandGate;

const TriggerSchema = z.enum(TRIGGER_IDS as [TriggerId, ...TriggerId[]]);
const RuleIdSchema = z.union([TriggerSchema, z.enum(BAND_GATES)]);

/**
 * Schema of one checkpoint: the expected outcome as of one point in time.
 *
 * @example CheckpointSchema.parse({ health: "WATCH", fires: ["KPI_PLATEAU"] }).health // → "WATCH"
 */
export const CheckpointSchema = z.strictObject({
  asOf: z.string().min(1).optional(),
  mission: z.string().min(1).optional(),
  verdict: BandSchema.optional(),
  health: BandSchema.optional(),
  fires: z.array(RuleIdSchema).optional(),
  notFires: z.array(RuleIdSchema).optional(),
  primaryDriver: z.union([TriggerSchema, z.literal("none")]).optional(),
  confidence: z.enum(["LOW", "MEDIUM", "HIGH"]).optional(),
  trend: z.enum(["improving", "worsening", "flat", "no_clear_trend", "insufficient_data"]).optional(),
});

/**
 * Keys of a checkpoint that concern one mission.
 *
 * @example MISSION_EXPECTATIONS.includes("confidence") // → true
 */
export const MISSION_EXPECTATIONS = [
  "health",
  "fires",
  "notFires",
  "primaryDriver",
  "confidence",
  "trend",
] as const;

/**
 * Schema of one case (a single checkpoint is read as a list of one).
 *
 * @example RuleTestCaseSchema.parse({ name: "x", history: "h", expect: { health: "WATCH" } }).expect.length // → 1
 */
export const RuleTestCaseSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  history: z.string().min(1).optional(),
  missions: z.array(InlineMissionSchema).min(1).optional(),
  /** Ruleset path → value, applied to the file's ruleset for this case. */
  set: z.record(z.string(), z.unknown()).optional(),
  /** One checkpoint, or a list (a single one is read as a list of one). */
  expect: z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(CheckpointSchema).min(1)),
});

/**
 * Schema of a rule-test file, with cross-checks (known history, `mission` among the case's).
 *
 * @example RuleTestFileSchema.safeParse({ cases: [] }).success // → false
 */
export const RuleTestFileSchema = z
  .strictObject({
    rules: z.string().min(1).optional(),
    description: z.string().optional(),
    histories: z.record(z.string(), z.array(InlineMissionSchema).min(1)).optional(),
    cases: z.array(RuleTestCaseSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const names = new Set<string>();
    file.cases.forEach((c, i) => {
      if (names.has(c.name))
        ctx.addIssue({
          code: "custom",
          path: ["cases", i, "name"],
          message: `duplicate case name "${c.name}"`,
        });
      names.add(c.name);
      if ((c.history === undefined) === (c.missions === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["cases", i],
          message: "give either `history` (a name) or `missions` (inline)",
        });
        return;
      }
      const missions = c.missions ?? (c.history !== undefined ? file.histories?.[c.history] : undefined);
      if (!missions) {
        const known = Object.keys(file.histories ?? {});
        ctx.addIssue({
          code: "custom",
          path: ["cases", i, "history"],
          message: `unknown history "${c.history}" (known: ${known.length ? known.join(", ") : "none"})`,
        });
        return;
      }
      const ids = missions.map((m) => m.id);
      c.expect.forEach((cp, j) => {
        const path = ["cases", i, "expect", j];
        if (cp.mission !== undefined && !ids.includes(cp.mission)) {
          ctx.addIssue({
            code: "custom",
            path: [...path, "mission"],
            message: `no mission "${cp.mission}" in this case (${ids.join(", ")})`,
          });
        }
        const missionLevel = MISSION_EXPECTATIONS.some((k) => cp[k] !== undefined);
        if (missionLevel && cp.mission === undefined && ids.length > 1) {
          ctx.addIssue({
            code: "custom",
            path,
            message: `the case has ${ids.length} missions: say which with \`mission\``,
          });
        }
        if (!missionLevel && cp.verdict === undefined) {
          ctx.addIssue({ code: "custom", path, message: "a checkpoint expects nothing" });
        }
      });
    });
  });

/** One checkpoint as validated. */
export type Checkpoint = z.infer<typeof CheckpointSchema>;
/** One case as validated. */
export type RuleTestCase = z.infer<typeof RuleTestCaseSchema>;
/** A rule-test file as validated. */
export type RuleTestFile = z.infer<typeof RuleTestFileSchema>;
