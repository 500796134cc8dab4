import { describe, expect, it } from "vitest";
import { flattenRecord, toDataFrame, toTable } from "../../lib/src/index";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("flattenRecord", () => {
  it("flattens nested objects and stringifies arrays (doc example)", () => {
    expect(flattenRecord({ runId: "r1", kpi: { cost: 3 }, agents: ["a", "b"] })).toEqual({
      runId: "r1",
      "kpi.cost": 3,
      agents: '["a","b"]',
    });
  });

  it("handles dates, undefined, deep nesting, other objects and options", () => {
    const flat = flattenRecord(
      {
        at: new Date("2024-01-02T03:04:05Z"),
        bad: new Date(NaN),
        u: undefined,
        a: { b: { c: 1 } },
        m: new Map(),
        n: 10n,
      },
      { separator: "/", arrayToString: (a) => a.join("|") },
    );
    expect(flat).toEqual({
      at: "2024-01-02T03:04:05.000Z",
      bad: null,
      u: null,
      "a/b/c": 1,
      m: "[object Map]",
      n: "10",
    });
    expect(flattenRecord({ l: [1, 2] }, { arrayToString: (a) => a.join("|") })).toEqual({ l: "1|2" });
  });
});

describe("toTable", () => {
  it("orders columns by first appearance and infers types (doc example)", () => {
    expect(
      toTable([
        { a: 1, b: { c: true } },
        { a: 2.5, d: "x" },
      ]),
    ).toEqual({
      columns: ["a", "b.c", "d"],
      rows: [
        [1, true, null],
        [2.5, null, "x"],
      ],
      dtypes: ["float32", "boolean", "string"],
    });
  });

  it("uses int32 for small integers, float32 for big ones and all-null columns, strings for mixed", () => {
    const t = toTable([
      { i: 1, big: 1_700_000_000_000, none: null, mixed: 1 },
      { i: -2, big: 1, none: undefined, mixed: "x" },
    ]);
    expect(t.dtypes).toEqual(["int32", "float32", "float32", "string"]);
    expect(t.rows.map((r) => r[3])).toEqual(["1", "x"]);
  });

  it("honours a fixed column list", () => {
    const t = toTable([{ b: 1, a: 2, z: 3 }], { columns: ["a", "b", "missing"] });
    expect(t.columns).toEqual(["a", "b", "missing"]);
    expect(t.rows).toEqual([[2, 1, null]]);
  });
});

describe("toDataFrame", () => {
  it("builds a DataFrame with stable columns (doc example)", () => {
    expect(toDataFrame([{ runId: "r1", kpi: { cost: 3 } }]).columns).toEqual(["runId", "kpi.cost"]);
  });

  it("has the table's shape, columns, types and values, and leaves the input untouched", () => {
    const rows = deepFreeze([
      { runId: "r1", status: "completed", kpis: { cost: 3, cycle: 10 }, agents: ["a"], ok: true },
      { runId: "r2", status: "failed", kpis: { cost: 4.5 }, agents: [], ok: false },
    ]);
    const copy = structuredClone(rows);
    const df = toDataFrame(rows);
    expect(df.shape).toEqual([2, 6]);
    expect(df.columns).toEqual(["runId", "status", "kpis.cost", "kpis.cycle", "agents", "ok"]);
    expect(df.dtypes).toEqual(["string", "string", "float32", "int32", "string", "boolean"]);
    expect(df.values).toEqual([
      ["r1", "completed", 3, 10, '["a"]', true],
      ["r2", "failed", 4.5, null, "[]", false],
    ]);
    expect(df.column("kpis.cost").values).toEqual([3, 4.5]);
    expect(rows).toEqual(copy);
  });

  it("builds an empty frame with the requested columns", () => {
    const df = toDataFrame([], { columns: ["a", "b"] });
    expect(df.shape).toEqual([0, 2]);
    expect(df.columns).toEqual(["a", "b"]);
  });
});
