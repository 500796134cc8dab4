/**
 * Record locations kept by the million: a number per location (its line, or its row negated)
 * and a small index of file paths, instead of an object each. A location is made again, equal to
 * the one stored, when a message needs it.
 */
import type { RecordLocation } from "./source-record";

/**
 * A growing list of record locations, stored compactly.
 *
 * @example
 * const c = new LocationColumn();
 * c.push({ file: "runs.csv", line: 7 }); c.push({ file: "kpis.json", row: 2 });
 * [c.at(0), c.at(1)] // → [{ file: "runs.csv", line: 7 }, { file: "kpis.json", row: 2 }]
 */
export class LocationColumn {
  /** Per location: its line (> 0), its row negated (< 0), or 0 for a whole-file location. */
  private readonly positions: number[] = [];
  /** Per location: the index of its file in {@link files}. */
  private readonly fileIds: number[] = [];
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();

  /** Number of locations. */
  get length(): number {
    return this.positions.length;
  }

  /** Appends a location; returns its index. */
  push(location: RecordLocation): number {
    let file = this.fileIndex.get(location.file);
    if (file === undefined) {
      file = this.files.push(location.file) - 1;
      this.fileIndex.set(location.file, file);
    }
    this.fileIds.push(file);
    return this.positions.push(location.line ?? (location.row !== undefined ? -location.row : 0)) - 1;
  }

  /** The location at `index` (a new object equal to the one pushed). Throws `RangeError` when out of range. */
  at(index: number): RecordLocation {
    const position = this.positions[index];
    if (position === undefined) throw new RangeError(`LocationColumn: no location ${index}`);
    const file = this.files[this.fileIds[index]!]!;
    if (position > 0) return { file, line: position };
    if (position < 0) return { file, row: -position };
    return { file };
  }
}
