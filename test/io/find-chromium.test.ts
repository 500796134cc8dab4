import { describe, expect, it } from "vitest";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CHROMIUM_CANDIDATES,
  CHROMIUM_ENV_VARS,
  ChromiumNotFoundError,
  findChromium,
} from "../../lib/src/index";

function fakeBrowser(executable = true): string {
  const path = join(mkdtempSync(join(tmpdir(), "fake-chromium-")), "chromium");
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

describe("findChromium", () => {
  it("matches its documented examples", () => {
    expect(CHROMIUM_ENV_VARS).toEqual(["MISSION_CHROMIUM", "PUPPETEER_EXECUTABLE_PATH"]);
    expect(CHROMIUM_CANDIDATES[0]).toBe("/usr/bin/chromium");
    expect(findChromium({ env: {} })).toBe("/usr/bin/chromium"); // installed on this image
    expect(() => findChromium({ env: {}, candidates: [] })).toThrow(ChromiumNotFoundError);
  });

  it("prefers MISSION_CHROMIUM, then PUPPETEER_EXECUTABLE_PATH", () => {
    const a = fakeBrowser();
    const b = fakeBrowser();
    expect(findChromium({ env: { MISSION_CHROMIUM: a, PUPPETEER_EXECUTABLE_PATH: b } })).toBe(a);
    expect(findChromium({ env: { PUPPETEER_EXECUTABLE_PATH: b } })).toBe(b);
    expect(findChromium({ env: { MISSION_CHROMIUM: "", PUPPETEER_EXECUTABLE_PATH: b } })).toBe(b);
  });

  it("names the variable when it points at nothing usable", () => {
    expect(() => findChromium({ env: { MISSION_CHROMIUM: "/nope/chromium" } })).toThrow(
      /MISSION_CHROMIUM is set to "\/nope\/chromium"/,
    );
    expect(() => findChromium({ env: { PUPPETEER_EXECUTABLE_PATH: fakeBrowser(false) } })).toThrow(
      /PUPPETEER_EXECUTABLE_PATH .* not an executable file/,
    );
    expect(() => findChromium({ env: { MISSION_CHROMIUM: tmpdir() } })).toThrow(ChromiumNotFoundError);
  });

  it("falls back to the first existing candidate, else explains how to install one", () => {
    const c = fakeBrowser();
    expect(findChromium({ env: {}, candidates: ["/nope/a", c] })).toBe(c);
    let message = "";
    try {
      findChromium({ env: {}, candidates: ["/nope/a", "/nope/b"] });
    } catch (e) {
      expect(e).toBeInstanceOf(ChromiumNotFoundError);
      message = (e as Error).message;
    }
    expect(message).toContain("/nope/a, /nope/b");
    expect(message).toContain("apt-get install chromium");
    expect(message).toContain("MISSION_CHROMIUM");
  });
});
