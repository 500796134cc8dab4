import { describe, expect, it } from "vitest";
import { toTypeScriptLiteral, typeScriptString } from "../../lib/src/index";

describe("typeScriptString", () => {
  it("escapes quotes, backslashes and newlines (doc example)", () => {
    expect(typeScriptString('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
  });

  it("escapes line and paragraph separators and control characters", () => {
    expect(typeScriptString("a\u2028b\u2029c\u0000\\")).toBe('"a\\u2028b\\u2029c\\u0000\\\\"');
  });

  it("round-trips through evaluation", () => {
    const nasty = "`${x}` </script> \\ ' \" \t \u2028 é 😀";
    expect(new Function(`return ${typeScriptString(nasty)};`)()).toBe(nasty);
  });
});

describe("toTypeScriptLiteral", () => {
  it("writes plain objects with quoted keys (doc example)", () => {
    expect(toTypeScriptLiteral({ region: "EU", years: [2024, 2025], strict: true })).toBe(
      '{ "region": "EU", "years": [2024, 2025], "strict": true }',
    );
  });

  it.each([
    [null, "null"],
    [undefined, "undefined"],
    [false, "false"],
    [1.5, "1.5"],
    [-0, "-0"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
    [[], "[]"],
    [{}, "{}"],
  ])("writes %s", (value, expected) => {
    expect(toTypeScriptLiteral(value)).toBe(expected);
  });

  it("keeps __proto__ an own property", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const source = toTypeScriptLiteral(value);
    expect(source).toBe('{ ["__proto__"]: { "polluted": true }, "a": 1 }');
    const back = new Function(`return ${source};`)() as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it("evaluates back to an equal value", () => {
    const value = { s: 'a "b"\n', n: [1, -2.5e-7, { deep: [null, true] }], empty: "" };
    expect(new Function(`return ${toTypeScriptLiteral(value)};`)()).toEqual(value);
  });

  it("rejects what is not JSON-like", () => {
    expect(() => toTypeScriptLiteral(() => 1)).toThrow(TypeError);
    expect(() => toTypeScriptLiteral(10n)).toThrow(TypeError);
    expect(() => toTypeScriptLiteral(new Date(0))).toThrow(/Date object/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toTypeScriptLiteral(cyclic)).toThrow(/circular/);
  });

  it("accepts repeated (non-circular) references", () => {
    const shared = { a: 1 };
    expect(toTypeScriptLiteral([shared, shared])).toBe('[{ "a": 1 }, { "a": 1 }]');
  });
});
