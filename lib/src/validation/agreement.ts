/**
 * Agreement between labelled (expected) and evaluated (predicted) statuses: the 3 × 3 confusion
 * matrix, precision and recall per status, accuracy, Cohen's kappa, and precision and recall of
 * the alert "WATCH or worse".
 */
import type { Band } from "../rules/schema";

/**
 * Statuses in matrix order, best first.
 *
 * @example STATUS_ORDER[2] // → "ATTENTION_REQUIRED"
 */
export const STATUS_ORDER: readonly Band[] = ["ON_TRACK", "WATCH", "ATTENTION_REQUIRED"];

/** Counts of (expected, predicted) pairs. */
export interface ConfusionMatrix {
  /** Row and column order. */
  readonly statuses: readonly Band[];
  /** counts[i][j]: cases labelled statuses[i] that the evaluator called statuses[j]. */
  readonly counts: readonly (readonly number[])[];
  readonly total: number;
}

/** Precision and recall of one status (null when undefined: nothing predicted / nothing to find). */
export interface StatusScore {
  readonly status: Band;
  /** Cases labelled with this status. */
  readonly support: number;
  /** Cases the evaluator gave this status. */
  readonly predicted: number;
  readonly truePositives: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
}

/** Precision and recall of a binary alert. */
export interface AlertScore {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
}

/**
 * Builds the confusion matrix of (expected, predicted) pairs.
 *
 * @example confusionMatrix([{ expected: "WATCH", predicted: "ON_TRACK" }]).counts[1][0] // → 1
 */
export function confusionMatrix(pairs: readonly { expected: Band; predicted: Band }[]): ConfusionMatrix {
  const counts = STATUS_ORDER.map(() => STATUS_ORDER.map(() => 0));
  for (const p of pairs) {
    const row = counts[STATUS_ORDER.indexOf(p.expected)] as number[];
    const j = STATUS_ORDER.indexOf(p.predicted);
    row[j] = (row[j] as number) + 1;
  }
  return { statuses: STATUS_ORDER, counts, total: pairs.length };
}

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

function f1(precision: number | null, recall: number | null): number | null {
  if (precision === null || recall === null) return null;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function cell(m: ConfusionMatrix, i: number, j: number): number {
  return m.counts[i]?.[j] ?? 0;
}

/**
 * Precision (share of the evaluator's calls of a status that the labels agree with) and recall
 * (share of the labelled cases of a status the evaluator found), per status.
 *
 * @example statusScores(confusionMatrix([{ expected: "WATCH", predicted: "WATCH" }, { expected: "ON_TRACK", predicted: "WATCH" }]))[1].precision // → 0.5
 */
export function statusScores(m: ConfusionMatrix): StatusScore[] {
  return m.statuses.map((status, i) => {
    let support = 0;
    let predicted = 0;
    for (let j = 0; j < m.statuses.length; j++) {
      support += cell(m, i, j);
      predicted += cell(m, j, i);
    }
    const tp = cell(m, i, i);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { status, support, predicted, truePositives: tp, precision, recall, f1: f1(precision, recall) };
  });
}

/**
 * Share of cases where the statuses agree; null without cases.
 *
 * @example accuracy(confusionMatrix([{ expected: "WATCH", predicted: "WATCH" }, { expected: "WATCH", predicted: "ON_TRACK" }])) // → 0.5
 */
export function accuracy(m: ConfusionMatrix): number | null {
  let agree = 0;
  for (let i = 0; i < m.statuses.length; i++) agree += cell(m, i, i);
  return ratio(agree, m.total);
}

/**
 * Cohen's kappa: (p_o − p_e) / (1 − p_e), with p_o the observed agreement and p_e the agreement
 * expected by chance from the row and column totals. 1 = perfect, 0 = chance level, below 0 =
 * worse than chance; null without cases or when p_e = 1 (everything in one status on both sides).
 *
 * @example cohensKappa(confusionMatrix([{ expected: "WATCH", predicted: "WATCH" }, { expected: "ON_TRACK", predicted: "ON_TRACK" }])) // → 1
 */
export function cohensKappa(m: ConfusionMatrix): number | null {
  const n = m.total;
  if (n === 0) return null;
  let observed = 0;
  let chance = 0;
  for (let i = 0; i < m.statuses.length; i++) {
    observed += cell(m, i, i);
    let row = 0;
    let col = 0;
    for (let j = 0; j < m.statuses.length; j++) {
      row += cell(m, i, j);
      col += cell(m, j, i);
    }
    chance += (row / n) * (col / n);
  }
  const po = observed / n;
  return chance >= 1 ? null : (po - chance) / (1 - chance);
}

/**
 * Precision and recall of the alert "WATCH or worse" (a case is positive when its status is
 * WATCH or ATTENTION_REQUIRED): did the evaluator raise a flag when the analyst would have?
 *
 * @example alertScores(confusionMatrix([{ expected: "ATTENTION_REQUIRED", predicted: "WATCH" }])).recall // → 1
 */
export function alertScores(m: ConfusionMatrix): AlertScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  m.statuses.forEach((expected, i) =>
    m.statuses.forEach((predicted, j) => {
      const e = expected !== "ON_TRACK";
      const p = predicted !== "ON_TRACK";
      const c = cell(m, i, j);
      if (e && p) tp += c;
      else if (p) fp += c;
      else if (e) fn += c;
    }),
  );
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f1: f1(precision, recall),
  };
}
