/**
 * Issues for files that cannot be read at all (missing, a directory, no permission, I/O error).
 */
import type { DataIssue } from "../model/issues";

/**
 * Builds the fatal `unreadable_file` issue for a read error, naming the system error code when
 * there is one (ENOENT, EACCES, EISDIR, …).
 *
 * @example unreadableFileIssue("runs.csv", Object.assign(new Error("no such file"), { code: "ENOENT" })).found
 * // → 'ENOENT'
 */
export function unreadableFileIssue(path: string, error: unknown): DataIssue {
  const code =
    typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string"
      ? (error as { code: string }).code
      : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  return {
    severity: "error",
    code: "unreadable_file",
    file: path,
    expected: "a readable file",
    found: code ?? "a read error",
    message: `cannot read the file: ${detail}`,
  };
}
