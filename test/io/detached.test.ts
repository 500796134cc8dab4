import { describe, expect, it } from "vitest";
import { detached } from "../../lib/src/index";

describe("detached", () => {
  it("returns the same text for every kind of cell (the doc example and escapes)", () => {
    const cells = [
      "2026-02-01T14:05:00Z", // the doc example
      "short",
      'a "quoted" value here',
      "back\\slash\\n not a newline",
      "line\nbreak and\ttab and \u0001 control",
      "unicode café ✓ 😀 and a lone \ud800 surrogate",
      "",
    ];
    for (const cell of cells) expect(detached(` ${cell} `.slice(1, -1))).toBe(cell);
  });
});
