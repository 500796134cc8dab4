#!/usr/bin/env node
/**
 * `npm start` (after `node scripts/setup.mjs`): writes the demo executive brief —
 * `mission brief data/demo --out reports --format html,pdf --since <as-of − 30 days>` — with its
 * brief JSON, and says where it is. The "Since" date is 30 days before the demo's as-of date (the
 * last run's start), so the brief says what changed over the last 30 days.
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
const { runCli, loadDataset, evaluate, builtinRuleset } = require(entry);

const data = join(root, "data", "demo");
const out = join(root, "reports");
// The demo's as-of instant is its last run's start; the "Since" section compares with 30 days before.
const asOf = evaluate(await loadDataset(data), builtinRuleset("default")).asOf;
const since = new Date(Date.parse(asOf) - 30 * 86_400_000).toISOString().slice(0, 10);
let printed = "";
const code = await runCli(
  ["brief", data, "--out", out, "--format", "html,pdf", "--since", since],
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
