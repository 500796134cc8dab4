/**
 * One linear pass over a table file's bytes, beside DuckDB's read: its size and SHA-256 (the
 * dataset fingerprint), and — for text formats — the encoding problems DuckDB would not report or
 * would report unclearly: NUL bytes, UTF-16 text (with or without a byte-order mark), invalid
 * UTF-8, and lines longer than {@link MAX_LINE_BYTES}. Gzip files are checked on their decompressed
 * text; zstd and Parquet files get the size and hash only (DuckDB checks their contents).
 */
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import type { DataIssue } from "../model/issues";
import type { TableFile } from "./dataset-layout";

/**
 * Longest accepted line of a text file, bytes (16 MiB). A longer line is rejected with its line
 * number in linear time, before DuckDB reads the file.
 *
 * @example MAX_LINE_BYTES // → 16777216
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** What the pass found. */
export interface FileCheck {
  /** Size of the file on disk (compressed size for a compressed file), bytes. */
  readonly bytes: number;
  /** Hex SHA-256 of the file's bytes on disk. */
  readonly sha256: string;
  /** Fatal encoding problems (at most one of each kind, at its first line). */
  readonly issues: readonly DataIssue[];
}

/** Length of the incomplete UTF-8 sequence at the end of `b` (0–3 bytes). */
function incompleteTail(b: Buffer): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const c = b[n - back]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Offset of the first byte of `b` that breaks UTF-8 (b is known not to be valid UTF-8). */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need =
      c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (need === 0) return i;
    if (need > 1 && !isUtf8(b.subarray(i, i + need))) return i;
    i += need;
  }
  return b.length;
}

const encodingIssue = (
  file: string,
  line: number,
  code: string,
  expected: string,
  found: string,
  message: string,
): DataIssue => ({
  severity: "error",
  code,
  file,
  line,
  expected,
  found,
  message,
});

/**
 * Reads `file` once and reports its size, SHA-256 and encoding problems. Never throws for content;
 * a file that cannot be read is reported as an `unreadable_file` issue.
 *
 * @example
 * // a.csv holds "id\n1\n"
 * const check = await checkFile({ table: "runs", path: "a.csv", format: "csv", name: "a.csv" });
 * [check.bytes, check.issues.length] // → [5, 0]
 */
export async function checkFile(file: TableFile): Promise<FileCheck> {
  const hash = createHash("sha256");
  let bytes = 0;
  const issues: DataIssue[] = [];
  const text = file.format !== "parquet" && file.compression !== "zstd";
  const found = new Set<string>();
  const report = (code: string, issue: DataIssue) => {
    if (found.has(code)) return;
    found.add(code);
    issues.push(issue);
  };

  let line = 1;
  let lineBytes = 0;
  let first = true;
  let carry: Buffer = Buffer.alloc(0);
  const scan = (chunk: Buffer): void => {
    if (first) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        report(
          "utf16",
          encodingIssue(
            file.path,
            1,
            "bad_encoding",
            "UTF-8 text",
            "UTF-16 (a byte-order mark FF FE or FE FF)",
            "the file is UTF-16 text: save it as UTF-8",
          ),
        );
        return;
      }
    }
    if (found.has("utf16")) return;
    const nul = chunk.indexOf(0);
    if (nul !== -1 && !found.has("nul")) {
      const sample = chunk.subarray(0, Math.min(chunk.length, 1024));
      let zeros = 0;
      for (const c of sample) if (c === 0) zeros++;
      const nulLine = line + countLines(chunk, 0, nul);
      if (line === 1 && zeros > sample.length / 4) {
        report(
          "utf16",
          encodingIssue(
            file.path,
            1,
            "bad_encoding",
            "UTF-8 text",
            "UTF-16 without a byte-order mark (every other byte is zero)",
            "the file looks like UTF-16 text: save it as UTF-8",
          ),
        );
        return;
      }
      report(
        "nul",
        encodingIssue(
          file.path,
          nulLine,
          "nul_byte",
          "text without NUL bytes",
          "a NUL byte (0x00)",
          "the file holds a NUL byte: it is binary or corrupted",
        ),
      );
    }
    // UTF-8, across chunk boundaries.
    const joined = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const tail = incompleteTail(joined);
    const body = tail > 0 ? joined.subarray(0, joined.length - tail) : joined;
    if (!found.has("utf8") && !isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      // The carried bytes are the start of one character: they hold no line end.
      const badLine = line + countLines(body, 0, at);
      report(
        "utf8",
        encodingIssue(
          file.path,
          badLine,
          "bad_encoding",
          "UTF-8 text",
          `the byte 0x${body[at]!.toString(16).padStart(2, "0")}, which is not UTF-8`,
          "invalid UTF-8: the file is in another encoding (save it as UTF-8)",
        ),
      );
    }
    carry = tail > 0 ? Buffer.from(joined.subarray(joined.length - tail)) : Buffer.alloc(0);
    // Lines and their lengths.
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      const end = nl === -1 ? chunk.length : nl;
      lineBytes += end - from;
      if (lineBytes > MAX_LINE_BYTES && !found.has("long")) {
        report(
          "long",
          encodingIssue(
            file.path,
            line,
            "line_too_long",
            `lines of at most ${MAX_LINE_BYTES.toLocaleString("en-US")} bytes`,
            "a longer line",
            "a line is too long to be a record (a missing line end, or a binary file?)",
          ),
        );
      }
      if (nl === -1) break;
      line++;
      lineBytes = 0;
      from = nl + 1;
    }
  };

  try {
    const raw = createReadStream(file.path, { highWaterMark: 1 << 20 });
    raw.on("data", (chunk) => {
      const b = chunk as Buffer;
      bytes += b.length;
      hash.update(b);
    });
    if (text) {
      const source = file.compression === "gzip" ? raw.pipe(createGunzip()) : raw;
      for await (const chunk of source) scan(chunk as Buffer);
    } else {
      for await (const _ of raw) {
        // hashed in the data listener
      }
    }
  } catch (e) {
    issues.push({
      severity: "error",
      code: "unreadable_file",
      file: file.path,
      expected: file.compression === "gzip" ? "a readable gzip file" : "a readable file",
      found: (e as { code?: string }).code ?? "an error",
      message: `cannot read the file: ${(e as Error).message}`,
    });
  }
  return { bytes, sha256: hash.digest("hex"), issues };
}

/** Number of `\n` in `b[from, to)`. */
function countLines(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = b.indexOf(10, from); i !== -1 && i < to; i = b.indexOf(10, i + 1)) n++;
  return n;
}
