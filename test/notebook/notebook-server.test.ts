/**
 * `npm run notebook` (scripts/notebook-server.mjs) must not hand the server to other local users:
 * its runtime folder is owner-only (700), the files Jupyter writes there (server info with the
 * token, the -open.html page, kernel keys) are 600, the token is not printed when stdout is not a
 * terminal, and the API refuses a request without the token. Starts the real server on a free
 * loopback port and stops it at the end (bounded: 60 s to start, 20 s to stop).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const runtime = join(root, ".jupyter", "runtime");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

let server: ChildProcess | undefined;
let port = 0;
let stdout = "";
let stderr = "";
let token = "";
let infoFile = "";
let pid = "";

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Runs `args` as the user nobody (root only); status and output. */
function asNobody(args: string[]): { status: number | null; output: string } {
  const r = spawnSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", ...args], {
    encoding: "utf8",
    timeout: 15_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  if (!isRoot)
    console.warn("notebook server: cross-user checks skipped (running as another user needs root)");
  port = await freePort();
  server = spawn(process.execPath, [join(root, "scripts", "notebook-server.mjs")], {
    cwd: root,
    env: { ...process.env, MISSION_NOTEBOOK_PORT: String(port), JUPYTER_TOKEN: "" },
    stdio: ["ignore", "pipe", "pipe"], // stdout is a pipe, not a terminal: like a shared log
  });
  server.stdout!.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  server.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const deadline = Date.now() + 60_000;
  while (!stdout.includes("Stop:   Ctrl+C")) {
    if (server.exitCode !== null || Date.now() > deadline)
      throw new Error(`the notebook server did not start:\n${stdout}\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  pid = /nbserver-(\d+)/.exec(stdout)?.[1] ?? "";
  infoFile = join(runtime, `nbserver-${pid}.json`);
  token = (JSON.parse(readFileSync(infoFile, "utf8")) as { token: string }).token;
}, 90_000);

afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once("exit", r));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server!.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}, 30_000);

describe("npm run notebook", () => {
  it("keeps the runtime folder owner-only and every file in it 600", () => {
    expect(statSync(runtime).mode & 0o777).toBe(0o700);
    const files = readdirSync(runtime);
    expect(files).toContain(`${infoFile.split("/").pop()}`);
    expect(files.some((f) => f.endsWith("-open.html"))).toBe(true);
    // This server's files, the cookie secret and any kernel's connection file (other tests may be
    // running notebooks headless in the same folder at the same time).
    const ours = files.filter(
      (f) => f.startsWith(`nbserver-${pid}`) || f === "notebook_cookie_secret" || /^kernel-.*\.json$/.test(f),
    );
    expect(ours.length).toBeGreaterThanOrEqual(3);
    for (const f of ours) expect([f, statSync(join(runtime, f)).mode & 0o777]).toEqual([f, 0o600]);
    expect(statSync(join(root, ".jupyter", "data")).mode & 0o777).toBe(0o700);
  });

  it("does not print the token when stdout is not a terminal, and says where it is", () => {
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    expect(stdout + stderr).not.toContain(token);
    expect(stdout).toContain(`http://127.0.0.1:${port}/tree (the token is not printed`);
    expect(stdout).toMatch(/Token: {2}in .*\.jupyter\/runtime\/nbserver-\d+-open\.html/);
  });

  it("refuses to start a kernel without the token (and answers with it)", async () => {
    const refused = await fetch(`http://127.0.0.1:${port}/api/kernels`, { method: "POST", body: "{}" });
    expect([401, 403]).toContain(refused.status);
    const listed = await fetch(`http://127.0.0.1:${port}/api/kernelspecs`, {
      headers: { Authorization: `token ${token}` },
    });
    expect(listed.status).toBe(200);
  });

  it.skipIf(!isRoot)("another local user can neither read the token nor start a kernel", () => {
    // The folder above is readable by everyone: what stops nobody is the runtime folder's mode.
    expect(asNobody(["ls", join(root, ".jupyter")]).status).toBe(0);
    const list = asNobody(["ls", runtime]);
    expect(list.status).not.toBe(0);
    expect(list.output).toContain("Permission denied");
    const read = asNobody(["cat", infoFile]);
    expect(read.status).not.toBe(0);
    expect(read.output).toContain("Permission denied");
    expect(read.output).not.toContain(token);
    const post = asNobody([
      process.execPath,
      "-e",
      `fetch("http://127.0.0.1:${port}/api/kernels", { method: "POST", body: "{}" }).then((r) => console.log("status", r.status))`,
    ]);
    expect(post.output).toMatch(/status (401|403)/);
  });
});
