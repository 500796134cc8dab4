import { describe, expect, it } from "vitest";
import { benjaminiHochberg, benjaminiYekutieli } from "../../lib/src/stats/fdr";

// The 15 p-values of Benjamini & Hochberg (1995, J. R. Stat. Soc. B 57, §4 example).
const BH95 = [
  0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
  0.759, 1.0,
];

const expectAllClose = (actual: number[], expected: number[], digits = 14): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, digits));
};

describe("benjaminiHochberg", () => {
  it("hand-worked small example, input order kept", () => {
    // sorted 0.01, 0.03, 0.04, 0.2 (m = 4): m·p/j = 0.04, 0.06, 0.0533, 0.2;
    // running minimum from the top: 0.2, 0.0533, 0.0533, 0.04
    expectAllClose(benjaminiHochberg([0.01, 0.04, 0.03, 0.2]), [0.04, 0.16 / 3, 0.16 / 3, 0.2]);
    // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH") → all 0.05 (m·p₍ⱼ₎/j = 0.05 for every j)
    expectAllClose(benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]), [0.05, 0.05, 0.05, 0.05, 0.05]);
  });

  it("matches scipy.stats.false_discovery_control(p, method='bh') on the BH 1995 p-values", () => {
    // scipy 1.17.1
    expectAllClose(
      benjaminiHochberg(BH95),
      [
        0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645,
        0.07650000000000001, 0.486, 0.5811818181818181, 0.7148749999999999, 0.7532307692307693,
        0.8132142857142857, 1.0,
      ],
    );
    // unsorted, with ties — scipy 1.17.1 on [0.5, 0.002, 0.9, 0.02, 0.02, 0.04]
    expectAllClose(
      benjaminiHochberg([0.5, 0.002, 0.9, 0.02, 0.02, 0.04]),
      [0.6, 0.012, 0.9, 0.04, 0.04, 0.06],
    );
  });

  it("NaN stays NaN and does not count in m (R p.adjust with NA)", () => {
    // m = 4 non-NaN values → same as the hand-worked example above
    const q = benjaminiHochberg([0.01, Number.NaN, 0.04, 0.03, Number.NaN, 0.2]);
    expect(q[1]).toBeNaN();
    expect(q[4]).toBeNaN();
    expectAllClose([q[0], q[2], q[3], q[5]] as number[], [0.04, 0.16 / 3, 0.16 / 3, 0.2]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it("is capped at 1, leaves the input alone, and rejects values outside [0, 1]", () => {
    const p = [0.9, 0.95];
    expectAllClose(benjaminiHochberg(p), [0.95, 0.95]);
    expect(p).toEqual([0.9, 0.95]);
    expect(benjaminiHochberg([1, 1, 1])).toEqual([1, 1, 1]);
    expect(() => benjaminiHochberg([0.1, 1.2])).toThrow(RangeError);
    expect(() => benjaminiHochberg([-0.1])).toThrow(RangeError);
    expect(() => benjaminiHochberg([Infinity])).toThrow(RangeError);
  });
});

describe("benjaminiYekutieli", () => {
  it("hand-worked: c(2) = 1.5", () => {
    // [0.01, 0.02]: 1.5·2·0.01/1 = 0.03, 1.5·2·0.02/2 = 0.03
    expectAllClose(benjaminiYekutieli([0.01, 0.02]), [0.03, 0.03]);
  });

  it("matches scipy.stats.false_discovery_control(p, method='by')", () => {
    // scipy 1.17.1
    expectAllClose(
      benjaminiYekutieli(BH95),
      [
        0.004977343489843491, 0.009954686979686982, 0.03152317543567544, 0.11821190788378289,
        0.20008920829170831, 0.21189262285333718, 0.21189262285333718, 0.2140257700632701,
        0.25384451798201807, 1, 1, 1, 1, 1, 1,
      ],
    );
    expectAllClose(
      benjaminiYekutieli([0.01, 0.04, 0.03, 0.2]),
      [0.08333333333333333, 0.11111111111111109, 0.11111111111111109, 0.41666666666666663],
    );
    expectAllClose(
      benjaminiYekutieli([0.5, 0.002, 0.9, 0.02, 0.02, 0.04]),
      [1, 0.0294, 1, 0.09799999999999999, 0.09799999999999999, 0.147],
    );
  });

  it("NaN stays NaN and does not count in m", () => {
    const q = benjaminiYekutieli([Number.NaN, 0.01, 0.02]);
    expect(q[0]).toBeNaN();
    expectAllClose([q[1], q[2]] as number[], [0.03, 0.03]);
  });
});
