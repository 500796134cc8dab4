import { describe, expect, it } from "vitest";
import {
  isParameterName,
  NotebookParameterError,
  parseParameterPairs,
  parseParameterValue,
} from "../../lib/src/index";

describe("parseParameterValue", () => {
  it("parses JSON (doc example)", () => {
    expect(parseParameterValue("42")).toBe(42);
  });

  it("keeps non-JSON text as a string (doc example)", () => {
    expect(parseParameterValue("2024-06-30")).toBe("2024-06-30");
  });

  it.each([
    ["true", true],
    ["null", null],
    ['"quoted"', "quoted"],
    ["[1,2]", [1, 2]],
    ['{"a":1}', { a: 1 }],
    ["007", "007"],
    ["", ""],
    ["EU", "EU"],
    ["1e999", Infinity],
  ])("%s → %j", (raw, value) => {
    expect(parseParameterValue(raw)).toEqual(value);
  });
});

describe("parseParameterPairs", () => {
  it("splits at the first '=' (doc example)", () => {
    expect(parseParameterPairs(["region=EU", "limit=5"])).toEqual({ region: "EU", limit: 5 });
    expect(parseParameterPairs(["q=a=b"])).toEqual({ q: "a=b" });
  });

  it("lets a later value win", () => {
    expect(parseParameterPairs(["a=1", "a=2"])).toEqual({ a: 2 });
  });

  it("rejects pairs without '=' and bad names", () => {
    expect(() => parseParameterPairs(["region"])).toThrow(NotebookParameterError);
    expect(() => parseParameterPairs(["1st=x"])).toThrow(/not an identifier/);
    expect(() => parseParameterPairs(["a-b=x"])).toThrow(/not an identifier/);
  });

  it("keeps __proto__ as an own key", () => {
    const p = parseParameterPairs(["__proto__={}"]);
    expect(Object.keys(p)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
  });

  it("isParameterName accepts identifiers (doc example)", () => {
    expect(isParameterName("targetYear")).toBe(true);
    expect(isParameterName("$x_1")).toBe(true);
    expect(isParameterName("x y")).toBe(false);
  });
});
