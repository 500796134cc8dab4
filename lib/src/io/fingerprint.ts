/**
 * File fingerprints: the SHA-256 of each input file, computed while it streams through a reader,
 * and the dataset fingerprint combining them.
 */
import { createHash, type Hash } from "node:crypto";
import { basename } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import type { FileFormat, SourceFile } from "../model/dataset";

/**
 * A pass-through stream that hashes (SHA-256) and counts the bytes flowing through it, so a file
 * is fingerprinted in the same pass that parses it.
 */
export class HashingTap extends Transform {
  private readonly hash: Hash = createHash("sha256");
  private byteCount = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.byteCount += chunk.length;
    callback(null, chunk);
  }

  /** Bytes seen so far. */
  get bytes(): number {
    return this.byteCount;
  }

  /** Hex SHA-256 of every byte seen; call once, after the stream has ended. */
  digest(): string {
    return this.hash.digest("hex");
  }
}

/** Builds the {@link SourceFile} record of a fully read file. */
export function sourceFileOf(
  table: string,
  path: string,
  format: FileFormat,
  bytes: number,
  rows: number,
  sha256: string,
): SourceFile {
  return { table, path, format, bytes, rows, sha256 };
}

/**
 * Fingerprint of a dataset: hex SHA-256 of the lines `<file base name>\t<file sha256>\n`, sorted by
 * base name (then hash). It depends only on the files' names and bytes, not on the folder's
 * location or the order the files were read in.
 *
 * @example datasetFingerprint([]) // → 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' (SHA-256 of "")
 */
export function datasetFingerprint(files: readonly Pick<SourceFile, "path" | "sha256">[]): string {
  const lines = files
    .map((f) => `${basename(f.path)}\t${f.sha256}\n`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash("sha256");
  for (const line of lines) hash.update(line, "utf8");
  return hash.digest("hex");
}
