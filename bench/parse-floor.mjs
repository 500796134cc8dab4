#!/usr/bin/env node
/**
 * Bench helper: the parse floor of a data set folder — the time just to read its table files and
 * parse them, with no validation, no fingerprint and nothing kept: CSV files split into lines and
 * cells (on commas; the generator writes no quotes), NDJSON lines through `JSON.parse`, bundle
 * files (`*.json`, each one array) read whole and `JSON.parse`d. Prints one JSON line
 * `{ seconds, cpu, bytes, records }`. Run in its own process by bench/run.mjs.
 *
 * Usage: node bench/parse-floor.mjs <folder>
 */
import { createReadStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { StringDecoder } from "node:string_decoder";

/** Reads a file in 4 MiB chunks and hands every complete line to `onLine`. */
async function eachLine(path, onLine) {
  const decoder = new StringDecoder("utf8");
  let carry = "";
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    bytes += chunk.length;
    const text = carry + decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  carry += decoder.end();
  if (carry !== "") onLine(carry);
  return bytes;
}

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node bench/parse-floor.mjs <folder>");
  process.exit(2);
}
const started = performance.now();
let bytes = 0;
let records = 0;
let sink = 0;
for (const name of (await readdir(folder)).sort()) {
  if (name.startsWith(".")) continue; // the bench's own stamp
  const path = join(folder, name);
  switch (extname(name)) {
    case ".csv":
      bytes += await eachLine(path, (line) => {
        sink += line.split(",").length;
        records++;
      });
      break;
    case ".ndjson":
      bytes += await eachLine(path, (line) => {
        if (line !== "") {
          sink += JSON.parse(line) === null ? 0 : 1;
          records++;
        }
      });
      break;
    case ".json": {
      const text = await readFile(path, "utf8");
      bytes += Buffer.byteLength(text);
      const value = JSON.parse(text);
      records += Array.isArray(value) ? value.length : 1;
      break;
    }
    default:
      break;
  }
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
console.log(JSON.stringify({ seconds, cpu: (cpu.user + cpu.system) / 1e6, bytes, records, sink }));
