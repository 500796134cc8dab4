import { describe, expect, it } from "vitest";
import { openEngine, sqlIdent, sqlString, withEngine } from "../../lib/src/ingest/engine";

describe("engine", () => {
  it("runs a query and reads rows as plain values (doc example)", async () => {
    const engine = await openEngine({ threads: 1 });
    expect((await engine.rows("select 1 + 1 as two"))[0]!.two).toBe(2);
    engine.close();
    expect(await withEngine((e) => e.rows("select 42 as x"))).toEqual([{ x: 42 }]);
  });

  it("streams a large result chunk by chunk, in order", async () => {
    await withEngine(async (e) => {
      let n = 0;
      let sum = 0;
      let inOrder = true;
      const cols = await e.stream(
        "select range::INTEGER as i, (range * 0.5)::DOUBLE as h from range(10000)",
        (chunk) => {
          const h = chunk.numbers(1);
          for (let r = 0; r < chunk.rowCount; r++) {
            if (chunk.value(0, r) !== n) inOrder = false;
            sum += h[r]!;
            n++;
          }
        },
      );
      expect(cols).toEqual(["i", "h"]);
      expect(n).toBe(10000);
      expect(inOrder).toBe(true);
      expect(sum).toBe((0.5 * 9999 * 10000) / 2);
    });
  });

  it("appends rows and describes a query without running it", async () => {
    await withEngine(async (e) => {
      await e.run("create table t (a VARCHAR, b DOUBLE, c BOOLEAN)");
      await e.append("t", [
        ["x", 1.5, true],
        [null, null, false],
      ]);
      expect(await e.rows("select * from t order by a nulls last")).toEqual([
        { a: "x", b: 1.5, c: true },
        { a: null, b: null, c: false },
      ]);
      expect(await e.describe("select a, b from t")).toEqual([
        { name: "a", type: "VARCHAR" },
        { name: "b", type: "DOUBLE" },
      ]);
    });
  });

  it("quotes literals and identifiers", () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlIdent('Run "ID"')).toBe('"Run ""ID"""');
  });
});

describe("engine: numbers of a column", () => {
  it("reads numeric columns with nulls as NaN, in order, past a chunk's validity words", async () => {
    await withEngine(async (e) => {
      const got: number[] = [];
      await e.stream(
        "select case when range % 97 = 0 then null else range end::INTEGER as i, case when range % 5 = 0 then null else range / 2 end::DOUBLE as d from range(5000)",
        (chunk) => {
          const i = chunk.numbers(0);
          const d = chunk.numbers(1);
          for (let r = 0; r < chunk.rowCount; r++) got.push(i[r]!, d[r]!);
        },
      );
      for (let k = 0; k < 5000; k++) {
        expect(got[2 * k]).toBe(k % 97 === 0 ? Number.NaN : k);
        expect(got[2 * k + 1]).toBe(k % 5 === 0 ? Number.NaN : k / 2);
      }
    });
  });
});
