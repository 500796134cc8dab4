/**
 * `mission check data/demo | head -2`: a reader that closes the pipe early must not make the CLI
 * crash with "write EPIPE" — it ends quietly with exit 0. Runs the built CLI in a child process
 * with a real pipe whose read end is closed before (or just after) the first output.
 */
import { execFileSync, spawn } from "node:child_process";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const bin = resolve(root, "lib/bin/mission.js");

beforeAll(() => {
  // The CLI runs from lib/dist: bring it up to date (incremental, a few seconds at most).
  execFileSync(process.execPath, [resolve(root, "node_modules/typescript/bin/tsc"), "-b", "lib"], {
    cwd: root,
  });
});

/** Spawns the CLI, closes its stdout after `keepChunks` chunks, resolves to its exit code and stderr. */
function runClosingEarly(args: string[], keepChunks: number): Promise<{ code: number | null; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    let chunks = 0;
    child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
    if (keepChunks === 0) child.stdout.destroy();
    else
      child.stdout.on("data", () => {
        if (++chunks >= keepChunks) child.stdout.destroy();
      });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`mission ${args.join(" ")} did not end within 30 s`));
    }, 30_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, err });
    });
  });
}

describe("a pipe closed early", () => {
  for (const args of [
    ["check", "data/demo"],
    ["evaluate", "data/demo"],
    ["evaluate", "data/demo", "--json"],
  ]) {
    it(`mission ${args.join(" ")} ends quietly with exit 0 when stdout closes before it writes`, async () => {
      const r = await runClosingEarly(args, 0);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
    });
  }

  it("mission evaluate --json ends quietly when stdout closes after the first chunk (like head -2)", async () => {
    const r = await runClosingEarly(["evaluate", "data/demo", "--json", "--ledger"], 1);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });
});
