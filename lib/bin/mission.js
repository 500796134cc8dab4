#!/usr/bin/env node
// The `mission` command: a thin shim over the compiled CLI (build with `npm run build`).
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const main = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(main)) {
  console.error("mission: the library is not built yet; run `npm run setup` (or `npm run build`) first.");
  process.exit(2);
}
require(main)
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
