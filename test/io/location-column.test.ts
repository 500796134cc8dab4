import { describe, expect, it } from "vitest";
import { LocationColumn } from "../../lib/src/index";

describe("LocationColumn", () => {
  it("gives back each location pushed: line, row or whole file (the doc example)", () => {
    const c = new LocationColumn();
    const pushed = [
      { file: "runs.csv", line: 7 },
      { file: "kpis.json", row: 2 },
      { file: "runs.csv" },
      { file: "runs.csv", line: 1_000_000 },
    ];
    expect(pushed.map((l) => c.push(l))).toEqual([0, 1, 2, 3]);
    expect([c.at(0), c.at(1)]).toEqual([
      { file: "runs.csv", line: 7 },
      { file: "kpis.json", row: 2 },
    ]);
    expect(pushed.map((_, i) => c.at(i))).toEqual(pushed);
    expect(c.length).toBe(4);
    expect(() => c.at(4)).toThrow(RangeError);
  });
});
