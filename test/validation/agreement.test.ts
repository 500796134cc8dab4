import { describe, expect, it } from "vitest";
import {
  accuracy,
  alertScores,
  cohensKappa,
  confusionMatrix,
  flapping,
  statusScores,
  type Band,
} from "../../lib/src/index";

const pairs = (expected: Band, predicted: Band, n: number) =>
  Array.from({ length: n }, () => ({ expected, predicted }));

// Worked by hand (rows: labels, columns: evaluator):
//              ON_TRACK  WATCH  ATTENTION   row
//   ON_TRACK       4       1       0         5
//   WATCH          1       3       1         5
//   ATTENTION      0       1       3         4
//   column         5       5       4        14
// p_o = (4 + 3 + 3)/14 = 140/196; p_e = (5·5 + 5·5 + 4·4)/14² = 66/196;
// kappa = (140 − 66)/(196 − 66) = 74/130 = 0.5692307…
const cases = [
  ...pairs("ON_TRACK", "ON_TRACK", 4),
  ...pairs("ON_TRACK", "WATCH", 1),
  ...pairs("WATCH", "ON_TRACK", 1),
  ...pairs("WATCH", "WATCH", 3),
  ...pairs("WATCH", "ATTENTION_REQUIRED", 1),
  ...pairs("ATTENTION_REQUIRED", "WATCH", 1),
  ...pairs("ATTENTION_REQUIRED", "ATTENTION_REQUIRED", 3),
];
const m = confusionMatrix(cases);

describe("confusion matrix and agreement", () => {
  it("counts expected × predicted", () => {
    expect(m.counts).toEqual([
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 3],
    ]);
    expect(m.total).toBe(14);
    expect(confusionMatrix([{ expected: "WATCH", predicted: "ON_TRACK" }]).counts[1]?.[0]).toBe(1);
  });

  it("gives precision and recall per status", () => {
    const s = statusScores(m);
    expect(s.map((x) => [x.status, x.precision, x.recall, x.support, x.predicted])).toEqual([
      ["ON_TRACK", 4 / 5, 4 / 5, 5, 5],
      ["WATCH", 3 / 5, 3 / 5, 5, 5],
      ["ATTENTION_REQUIRED", 3 / 4, 3 / 4, 4, 4],
    ]);
    expect(s[2]?.f1).toBeCloseTo(0.75, 12);
    const one = statusScores(
      confusionMatrix([
        { expected: "WATCH", predicted: "WATCH" },
        { expected: "ON_TRACK", predicted: "WATCH" },
      ]),
    );
    expect(one[1]?.precision).toBe(0.5);
    expect(one[2]).toMatchObject({ precision: null, recall: null, f1: null }); // nothing to find or predicted
  });

  it("computes accuracy and Cohen's kappa", () => {
    expect(accuracy(m)).toBeCloseTo(10 / 14, 12);
    expect(cohensKappa(m)).toBeCloseTo(74 / 130, 12);
    expect(
      accuracy(
        confusionMatrix([
          { expected: "WATCH", predicted: "WATCH" },
          { expected: "WATCH", predicted: "ON_TRACK" },
        ]),
      ),
    ).toBe(0.5);
  });

  it("handles the edge cases of kappa", () => {
    expect(cohensKappa(confusionMatrix([]))).toBeNull();
    // Everything in one status on both sides: p_e = 1, kappa undefined.
    expect(cohensKappa(confusionMatrix(pairs("WATCH", "WATCH", 3)))).toBeNull();
    expect(
      cohensKappa(
        confusionMatrix([
          { expected: "WATCH", predicted: "WATCH" },
          { expected: "ON_TRACK", predicted: "ON_TRACK" },
        ]),
      ),
    ).toBe(1);
    // Systematically swapped: p_o = 0, p_e = ½ → kappa = −1.
    expect(
      cohensKappa(
        confusionMatrix([
          { expected: "WATCH", predicted: "ON_TRACK" },
          { expected: "ON_TRACK", predicted: "WATCH" },
        ]),
      ),
    ).toBe(-1);
  });

  it("scores the alert WATCH-or-worse", () => {
    // Positives: labels WATCH or ATTENTION (9); caught: 3 + 1 + 1 + 3 = 8; false alarm: 1; missed: 1.
    expect(alertScores(m)).toEqual({
      truePositives: 8,
      falsePositives: 1,
      falseNegatives: 1,
      precision: 8 / 9,
      recall: 8 / 9,
      f1: 8 / 9,
    });
    expect(
      alertScores(confusionMatrix([{ expected: "ATTENTION_REQUIRED", predicted: "WATCH" }])).recall,
    ).toBe(1);
  });
});

describe("flapping", () => {
  it("counts status changes per 100 runs", () => {
    // M1: 2 changes in 4 runs; M2: 0 in 6 → 2 in 10 overall = 20 per 100.
    const f = flapping([
      { missionId: "M1", statuses: ["ON_TRACK", "WATCH", "ON_TRACK", "ON_TRACK"] },
      { missionId: "M2", statuses: ["WATCH", "WATCH", "WATCH", "WATCH", "WATCH", "WATCH"] },
    ]);
    expect(f.byMission).toEqual([
      { missionId: "M1", runs: 4, changes: 2, per100Runs: 50 },
      { missionId: "M2", runs: 6, changes: 0, per100Runs: 0 },
    ]);
    expect([f.changes, f.runs, f.per100Runs]).toEqual([2, 10, 20]);
    expect(flapping([]).per100Runs).toBe(0);
  });
});
