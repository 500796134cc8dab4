#!/usr/bin/env node
/**
 * `npm start` (after `node scripts/setup.mjs`): writes the demo executive brief —
 * `mission brief data/demo --out reports --format html,pdf` — and says where it is.
 *
 * Plain Node; uses only the compiled library (`lib/dist`). Exit code: the brief command's (0 when
 * both files were written; 1 on a data or PDF problem, with nothing written; 2 when the library is
 * not built).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "lib", "dist", "index.js");
if (!existsSync(entry)) {
  console.error("start: the library is not built yet; run `npm run setup` first.");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { runCli } = require(entry);

const data = join(root, "data", "demo");
const out = join(root, "reports");
let printed = "";
const code = await runCli(
  ["brief", data, "--out", out, "--format", "html,pdf"],
  (s) => {
    printed += s;
    process.stdout.write(s);
  },
  (s) => process.stderr.write(s),
);
if (code === 0) {
  const files = [...printed.matchAll(/^wrote (.+)$/gm)].map((m) => m[1]);
  console.log(`\nThe demo executive brief is ready:`);
  for (const f of files) console.log(`  ${relative(process.cwd(), f) || f}`);
  console.log("Open the .html file in a browser, or the .pdf to print.");
}
process.exitCode = code;
