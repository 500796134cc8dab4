/**
 * File fingerprints: the record of each input file (its SHA-256 is computed while it streams
 * through a reader, see text-chunks) and the dataset fingerprint combining them.
 */
import { createHash } from "node:crypto";
import { basename, relative, sep } from "node:path";
import type { FileFormat, SourceFile } from "../model/dataset";

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
export function datasetFingerprint(
  files: readonly Pick<SourceFile, "path" | "sha256">[],
  folder?: string,
): string {
  const nameOf = (path: string) =>
    folder === undefined ? basename(path) : relative(folder, path).split(sep).join("/");
  const lines = files
    .map((f) => `${nameOf(f.path)}\t${f.sha256}\n`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash("sha256");
  for (const line of lines) hash.update(line, "utf8");
  return hash.digest("hex");
}
