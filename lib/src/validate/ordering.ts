/**
 * Total orders used to make every array of a dataset deterministic, whatever the input order.
 */
import type { DataIssue } from "../model/issues";

/** Compares strings by UTF-16 code units (locale-independent). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares by each key in turn (numbers numerically, strings by code units). */
export function compareBy<T>(...keys: ((item: T) => string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      const c = typeof x === "number" && typeof y === "number" ? x - y : compareText(String(x), String(y));
      if (c !== 0) return c;
    }
    return 0;
  };
}

/**
 * Orders issues by file, code and message, then position: the sequence of (file, code, message)
 * does not depend on the order of records in the input.
 */
export const compareIssues = compareBy<DataIssue>(
  (i) => i.file ?? "",
  (i) => i.code,
  (i) => i.message,
  (i) => i.field ?? "",
  (i) => i.line ?? i.row ?? 0,
);
