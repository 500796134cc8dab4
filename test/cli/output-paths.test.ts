/**
 * Output paths the CLI cannot use end with one sentence and exit 1 — no stack trace, no bare
 * "EEXIST: file already exists, mkdir": an --out that is a file, a folder that is not writable, a
 * full device; and a device such as /dev/full is never replaced by an atomic write.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../lib/src/index";
import { runMission } from "../helpers/run-cli";

const demo = resolve(__dirname, "../../data/demo");
const labels = join(demo, "labels.csv");
const ruleTests = resolve(__dirname, "../../rules/tests/default.rules.yaml");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

const run = (args: string[]) => runMission(args);

/** One clear line on stderr: no stack frames, no raw system error text. */
function expectOneSentence(err: string, pattern: RegExp): void {
  expect(err).toMatch(pattern);
  expect(err).not.toMatch(/\n\s+at /);
  expect(err).not.toMatch(/EEXIST|ENOTDIR|ENOSPC|EROFS|EACCES/);
  expect(err.trim().split("\n")).toHaveLength(1);
}

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mission-out-"));
  file = join(dir, "a-file");
  writeFileSync(file, "not a folder\n");
});

describe("an --out that is an existing file", () => {
  const commands: [string, string[]][] = [
    ["brief", ["brief", demo, "--format", "html", "--out"]],
    ["backtest", ["backtest", demo, "--labels", labels, "--out"]],
    ["sweep", ["sweep", demo, "--labels", labels, "--param", "health.bands.watch=60,65", "--out"]],
    ["generate", ["generate", "--out"]],
    [
      "notebook",
      ["notebook", resolve(__dirname, "../../notebooks/01-explore-mission-history.ipynb"), "--out"],
    ],
  ];
  for (const [name, argv] of commands) {
    it(`${name}: exit 1 with one sentence`, async () => {
      const r = await run([...argv, file]);
      expect(r.code).toBe(1);
      expectOneSentence(
        r.err,
        new RegExp(`^mission ${name}: cannot write .*a-file: it exists and is not a folder\\n$`),
      );
    });
  }

  it.skipIf(process.platform !== "linux")("a folder under /proc: one sentence, no hang", async () => {
    const r = await run(["backtest", demo, "--labels", labels, "--out", "/proc/mission-reports"]);
    expect(r.code).toBe(1);
    expectOneSentence(
      r.err,
      /cannot write \/proc\/mission-reports: \/proc is on a kernel pseudo-file system \(proc\)/,
    );
  });

  it("a path below a file", async () => {
    const r = await run(["backtest", demo, "--labels", labels, "--out", join(file, "sub")]);
    expect(r.code).toBe(1);
    expectOneSentence(r.err, /cannot write .*a-file\/sub: /);
  });
});

describe("a --junit that is a device or a folder", () => {
  it("refuses /dev/full and leaves it a device", async () => {
    const r = await run(["test-rules", ruleTests, "--junit", "/dev/full"]);
    expect(r.code).toBe(1);
    expectOneSentence(r.err, /cannot write \/dev\/full: it is not a regular file/);
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  });

  it("refuses a folder", async () => {
    const r = await run(["test-rules", ruleTests, "--junit", dir]);
    expect(r.code).toBe(1);
    expectOneSentence(r.err, /it is a folder, not a file/);
  });

  it("writeFileAtomic never renames over a device", async () => {
    await expect(writeFileAtomic("/dev/full", "x")).rejects.toThrow(/not a regular file; not replacing it/);
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  });
});

/** Mounts a tmpfs (root only); undefined when it cannot. */
function mountTmpfs(options: string): string | undefined {
  if (!isRoot) return undefined;
  const at = mkdtempSync(join(tmpdir(), "mission-mnt-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", at], { stdio: "ignore" });
    return at;
  } catch {
    return undefined;
  }
}
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync("umount", [m], { stdio: "ignore" });
});

describe("a folder that is not writable", () => {
  it("ends with one sentence", async () => {
    let target: string;
    if (isRoot) {
      const ro = mountTmpfs("ro,size=64k");
      if (ro === undefined) {
        console.warn("skipped: cannot mount a read-only tmpfs (root can write anywhere else)");
        return;
      }
      mounts.push(ro);
      target = ro;
    } else {
      target = join(dir, "locked");
      mkdirSync(target);
      chmodSync(target, 0o500);
    }
    const r = await run(["brief", demo, "--format", "html", "--out", join(target, "reports")]);
    expect(r.code).toBe(1);
    expectOneSentence(r.err, /cannot write .*reports: the folder cannot be created: .* is not writable\n$/);
  });
});

describe("a full device", () => {
  it("ENOSPC while writing the brief: one sentence, nothing left behind", async () => {
    const full = mountTmpfs("size=8k"); // the brief's HTML is far larger than 8 KiB
    if (full === undefined) {
      console.warn("skipped: a small tmpfs can only be mounted as root");
      return;
    }
    mounts.push(full);
    const r = await run(["brief", demo, "--format", "html", "--out", full]);
    expect(r.code).toBe(1);
    expectOneSentence(r.err, /^mission brief: cannot write .*: no space left on the device\n$/);
    expect(readdirSync(full)).toEqual([]);
  });
});
