import { describe, expect, it } from "vitest";
import {
  DEFAULT_GENERATE_OPTIONS,
  DEMO_SEED,
  GENERATE_LIMITS,
  parseIntRange,
  parseWholeNumber,
  resolveGenerateOptions,
  GENERATE_FORMATS,
  parseGenerateFormat,
} from "../../lib/src/index";

describe("resolveGenerateOptions", () => {
  it("completes partial options with the defaults (documented examples)", () => {
    expect(resolveGenerateOptions({ missions: 3 }).runs).toEqual({ min: 30, max: 30 });
    expect(resolveGenerateOptions({ missions: 3 }).missions).toBe(3);
    expect(resolveGenerateOptions()).toEqual(DEFAULT_GENERATE_OPTIONS);
    expect(resolveGenerateOptions({ preset: "demo" }).seed).toBe(2045);
    expect(DEMO_SEED).toBe(2045);
    expect(resolveGenerateOptions({ preset: "demo", seed: 5 }).seed).toBe(5);
    expect(resolveGenerateOptions().seed).toBe(2026);
  });

  it("does not share or modify the caller's objects", () => {
    const runs = { min: 2, max: 4 };
    const stories = ["plateau" as const];
    const o = resolveGenerateOptions({ runs, stories });
    expect(o.runs).not.toBe(runs);
    expect(o.stories).not.toBe(stories);
    expect(runs).toEqual({ min: 2, max: 4 });
  });

  it.each([
    [{ seed: -1 }, /seed/],
    [{ seed: 1.5 }, /seed/],
    [{ seed: 2 ** 32 }, /seed/],
    [{ missions: 0 }, /missions/],
    [{ missions: GENERATE_LIMITS.missions.max + 1 }, /missions/],
    [{ runs: { min: 5, max: 3 } }, /runs: minimum 5 exceeds maximum 3/],
    [{ runs: { min: 0, max: 3 } }, /runs/],
    [{ tasks: 0 }, /tasks/],
    [{ tasks: 21 }, /tasks/],
    [{ cadenceDays: { min: 2, max: 1 } }, /cadence/],
    [{ start: "2026-02-30" }, /start/],
    [{ start: "05/01/2026" }, /start/],
    [{ stories: [] }, /at least one story/],
    [{ stories: ["booming" as never] }, /unknown story "booming"/],
    [{ preset: "showcase" as never }, /preset/],
  ])("rejects %j", (partial, message) => {
    expect(() => resolveGenerateOptions(partial)).toThrow(RangeError);
    expect(() => resolveGenerateOptions(partial)).toThrow(message);
  });
});

describe("parseWholeNumber and parseIntRange", () => {
  it("parse the documented forms", () => {
    expect(parseWholeNumber("1000", "runs")).toBe(1000);
    expect(parseIntRange("20-40", "runs")).toEqual({ min: 20, max: 40 });
    expect(parseIntRange("7", "runs")).toEqual({ min: 7, max: 7 });
  });

  it.each(["", "-3", "3.5", "1e3", " 4", "x", "0x10"])("parseWholeNumber rejects %j", (text) => {
    expect(() => parseWholeNumber(text, "--missions")).toThrow(/--missions must be a whole number/);
  });

  it("rejects numbers beyond the safe integer range", () => {
    expect(() => parseWholeNumber("99999999999999999999", "--seed")).toThrow(/too large/);
  });

  it.each(["3-", "-3", "3-x", "1-2-3", "a"])("parseIntRange rejects %j", (text) => {
    expect(() => parseIntRange(text, "--runs")).toThrow(RangeError);
  });

  it("rejects an inverted range", () => {
    expect(() => parseIntRange("9-3", "--runs")).toThrow(/minimum 9 exceeds maximum 3/);
  });
});

describe("parseGenerateFormat", () => {
  it("accepts the seven formats (the @examples) and nothing else", () => {
    expect(GENERATE_FORMATS).toEqual(["csv", "ndjson", "parquet", "bundle", "langfuse", "otel", "eventlog"]);
    expect(parseGenerateFormat("bundle")).toBe("bundle");
    expect(GENERATE_FORMATS.map((f) => parseGenerateFormat(f))).toEqual([
      "csv",
      "ndjson",
      "parquet",
      "bundle",
      "langfuse",
      "otel",
      "eventlog",
    ]);
    for (const bad of ["json", "CSV", " csv", ""]) {
      expect(() => parseGenerateFormat(bad)).toThrow(RangeError);
    }
    expect(() => parseGenerateFormat("xlsx")).toThrow(
      '--format must be csv, ndjson, parquet, bundle, langfuse, otel, eventlog, got "xlsx"',
    );
  });
});
