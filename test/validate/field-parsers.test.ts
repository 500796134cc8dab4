import { describe, expect, it } from "vitest";
import { IssueCollector, parseBoolean, parseDate, parseNumber, parseTimestamp } from "../../lib/src/index";

describe("parseNumber", () => {
  it("parses the @examples", () => {
    expect(parseNumber("2.5", true, { min: 0 })).toEqual({ ok: true, value: 2.5 });
    expect(parseNumber(-1, false, { min: 0, integer: true }).ok).toBe(false);
  });

  it.each([
    ["12", 12],
    [" -3.5 ", -3.5],
    ["1e3", 1000],
    [".5", 0.5],
    ["+4", 4],
  ])("reads CSV text %j as %d", (text, value) => {
    expect(parseNumber(text, true)).toEqual({ ok: true, value });
  });

  it.each(["NaN", "Infinity", "-Infinity", "0x10", "1_000", "3,5", "abc", "1e", "--1"])(
    "rejects CSV text %j",
    (text) => {
      expect(parseNumber(text, true)).toMatchObject({
        ok: false,
        code: "bad_number",
        expected: "a finite number",
      });
    },
  );

  it("rejects non-finite JSON numbers and numbers in JSON strings", () => {
    expect(parseNumber(Number.POSITIVE_INFINITY, false)).toMatchObject({
      ok: false,
      message: "not a finite number",
    });
    expect(parseNumber(Number.NaN, false)).toMatchObject({ ok: false, code: "bad_number" });
    expect(parseNumber("5", false)).toMatchObject({ ok: false, code: "bad_type" });
    expect(parseNumber(true, false)).toMatchObject({ ok: false, code: "bad_type" });
  });

  it("applies the rule: integers, minimum", () => {
    expect(parseNumber(2.0, false, { integer: true })).toEqual({ ok: true, value: 2 });
    expect(parseNumber(0.5, false, { integer: true, min: 0 })).toEqual({
      ok: false,
      code: "not_integer",
      expected: "a non-negative integer",
      message: "not a whole number",
    });
    expect(parseNumber(0, false, { integer: true, min: 1 })).toMatchObject({
      ok: false,
      code: "out_of_range",
      expected: "an integer ≥ 1",
    });
    expect(parseNumber(0, false, { min: 0 })).toEqual({ ok: true, value: 0 });
  });
});

describe("parseBoolean", () => {
  it("parses the @examples", () => {
    expect(parseBoolean("Yes", true)).toEqual({ ok: true, value: true });
    expect(parseBoolean("true", false).ok).toBe(false);
  });

  it.each([
    ["TRUE", true],
    ["false", false],
    ["1", true],
    ["0", false],
    ["no", false],
    [" yes ", true],
  ])("reads CSV %j as %s", (text, value) => {
    expect(parseBoolean(text, true)).toEqual({ ok: true, value });
  });

  it("rejects other words and JSON non-booleans", () => {
    expect(parseBoolean("y", true)).toMatchObject({ ok: false, expected: "true/false, 1/0 or yes/no" });
    expect(parseBoolean(1, false)).toMatchObject({ ok: false, expected: "true or false" });
  });
});

describe("parseTimestamp", () => {
  // 2026-02-01T00:00Z = day 20485 since the epoch → 1,769,904,000,000 ms; 14:05 adds 50,700,000 ms.
  const FEB1_1405Z = 1_769_954_700_000;

  it("parses the @examples", () => {
    expect(parseTimestamp("2026-02-01T16:05:00+02:00")).toEqual({
      ok: true,
      value: { iso: "2026-02-01T16:05:00+02:00", ms: FEB1_1405Z },
    });
    expect(parseTimestamp("2026-02-01T14:05:00").ok).toBe(false);
  });

  it.each([
    ["2026-02-01T14:05:00Z", FEB1_1405Z],
    ["2026-02-01T14:05Z", FEB1_1405Z],
    ["2026-02-01t14:05:00z", FEB1_1405Z],
    ["2026-02-01 14:05:00Z", FEB1_1405Z],
    ["2026-02-01T14:05:00.250Z", FEB1_1405Z + 250],
    ["2026-02-01T14:05:00.2509Z", FEB1_1405Z + 250],
    ["2026-02-01T09:05:00-05:00", FEB1_1405Z],
    ["2026-02-01T19:35:00+0530", FEB1_1405Z],
    ["2026-02-01T16:05:00+02", FEB1_1405Z],
    ["2024-02-29T00:00:00Z", 1_709_164_800_000], // leap day: 19782 days × 86,400,000 ms
  ])("reads %j", (text, ms) => {
    expect(parseTimestamp(text)).toEqual({ ok: true, value: { iso: text, ms } });
  });

  it.each([
    ["2026-02-01T14:05:00", "timestamp_without_zone"],
    ["2026-02-01", "bad_timestamp"],
    ["2025-02-29T00:00:00Z", "bad_timestamp"],
    ["2026-13-01T00:00:00Z", "bad_timestamp"],
    ["2026-02-01T24:00:00Z", "bad_timestamp"],
    ["2026-02-01T14:60:00Z", "bad_timestamp"],
    ["2026-02-01T14:05:00+25:00", "bad_timestamp"],
    ["1 Feb 2026 14:05 UTC", "bad_timestamp"],
  ])("rejects %j (%s)", (text, code) => {
    expect(parseTimestamp(text)).toMatchObject({ ok: false, code });
  });

  it("rejects non-strings", () => {
    expect(parseTimestamp(1_769_954_700_000)).toMatchObject({ ok: false, code: "bad_timestamp" });
  });
});

describe("parseDate", () => {
  it("parses the @examples", () => {
    expect(parseDate("2026-06-30")).toEqual({ ok: true, value: "2026-06-30" });
    expect(parseDate("30/06/2026").ok).toBe(false);
  });

  it("knows leap years", () => {
    expect(parseDate("2024-02-29").ok).toBe(true);
    expect(parseDate("2100-02-29").ok).toBe(false);
    expect(parseDate("2000-02-29").ok).toBe(true);
  });
});

describe("IssueCollector", () => {
  it("keeps errors up to the cap and counts the rest (the @example)", () => {
    const issues = new IssueCollector(1);
    issues.add({ severity: "error", code: "a", message: "first" });
    issues.add({ severity: "error", code: "b", message: "second" });
    expect([issues.errors.length, issues.omitted, issues.errorCount]).toEqual([1, 1, 2]);
  });

  it("keeps every warning and throws only for errors", () => {
    const issues = new IssueCollector();
    const { add } = issues; // bound: usable as a callback
    add({ severity: "warning", code: "w", message: "suspect" });
    expect(() => issues.throwIfErrors("data")).not.toThrow();
    add({ severity: "error", code: "e", file: "runs.csv", line: 2, message: "broken" });
    expect(issues.warnings).toHaveLength(1);
    expect(() => issues.throwIfErrors("data")).toThrow(
      "data: 1 fatal problem in the input\n  error runs.csv:2: broken",
    );
  });
});
