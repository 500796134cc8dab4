import { describe, expect, it } from "vitest";
import { StringPool } from "../../lib/src/index";

describe("StringPool", () => {
  it("gives the first string seen for each text (the doc example)", () => {
    const pool = new StringPool();
    const a = pool.shared("M1");
    const again = ["M", "1"].join("");
    expect(pool.shared(again)).toBe(a);
    expect(pool.shared("M2")).toBe("M2");
    expect(pool.shared("M1")).toBe(a);
  });
});
