import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { datasetFingerprint, describeFound, MAX_FOUND_LENGTH } from "../../lib/src/index";

describe("datasetFingerprint", () => {
  it("is the SHA-256 of nothing for no files (the @example)", () => {
    expect(datasetFingerprint([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("hashes sorted base-name/hash lines, whatever the folder and order", () => {
    const a = { path: "/data/x/runs.csv", sha256: "aa" };
    const b = { path: "/data/x/kpis.csv", sha256: "bb" };
    const expected = createHash("sha256").update("kpis.csv\tbb\nruns.csv\taa\n").digest("hex");
    expect(datasetFingerprint([a, b])).toBe(expected);
    expect(datasetFingerprint([b, { ...a, path: "elsewhere/runs.csv" }])).toBe(expected);
    expect(datasetFingerprint([a, { ...b, sha256: "bc" }])).not.toBe(expected);
  });
});

describe("describeFound", () => {
  it("renders the @examples", () => {
    expect(describeFound("abc")).toBe('"abc"');
    expect(describeFound(undefined)).toBe("nothing");
    expect(describeFound(3.5)).toBe("3.5");
  });

  it("quotes, escapes and cuts long values to MAX_FOUND_LENGTH characters", () => {
    expect(MAX_FOUND_LENGTH).toBe(60);
    expect(describeFound('say "hi"')).toBe('"say \\"hi\\""');
    expect(describeFound("é".repeat(70))).toBe(`"${"é".repeat(MAX_FOUND_LENGTH - 1)}…"`);
    expect(describeFound({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(describeFound(null)).toBe("null");
    expect(describeFound(false)).toBe("false");
  });
});
