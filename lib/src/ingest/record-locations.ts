/**
 * Locating problems in files read through DuckDB. DuckDB hands over rows without their physical
 * line, so while a file streams every record gets a provisional line — the line it would have in
 * a file without blank lines or multi-line cells (CSV: header line + 1 + row index; NDJSON: row
 * index + 1). When the load is over, the issues of files that had any are mapped to physical lines
 * by one pass over each such file ({@link indexRecordLines}); files without problems are never
 * read twice.
 */
import type { DataIssue } from "../model/issues";
import { indexRecordLines, type RecordLines } from "./csv-layout";
import type { TableFile } from "./dataset-layout";

/** How one streamed file's provisional lines map to physical ones. */
interface FilePlan {
  readonly file: TableFile;
  /** CSV: the delimiter; NDJSON: undefined. */
  readonly delimiter: string | undefined;
  /** CSV: the header's physical line (provisional line of row i is headerLine + 1 + i). */
  readonly headerLine: number;
  /** CSV: DuckDB line numbers of the records DuckDB rejected (not among the rows). */
  readonly rejected: Set<number>;
}

/**
 * The provisional → physical line mapping of every file streamed in one load.
 *
 * @example
 * const locations = new RecordLocations();
 * locations.register(file, ",", 1);
 * const fixed = locations.resolve(issues); // issues of that file now carry physical lines
 */
export class RecordLocations {
  private readonly plans = new Map<string, FilePlan>();
  /** Files whose real path lies outside the data folder: what was found there is not echoed. */
  private readonly outside = new Set<string>();

  /** Marks a file whose real path lies outside the data folder (a link leading out of it). */
  markOutside(path: string): void {
    this.outside.add(path);
  }
  private readonly physical = new WeakSet<DataIssue>();

  /** Registers a streamed CSV (`delimiter` given) or NDJSON file. */
  register(file: TableFile, delimiter: string | undefined, headerLine: number): void {
    this.plans.set(file.path, { file, delimiter, headerLine, rejected: new Set() });
  }

  /** Notes a record DuckDB rejected, by the line DuckDB gave it. */
  rejected(path: string, duckLine: number): void {
    this.plans.get(path)?.rejected.add(duckLine);
  }

  /** Marks an issue whose line is already physical (it is left as it is). */
  markPhysical(issue: DataIssue): DataIssue {
    this.physical.add(issue);
    return issue;
  }

  /** Converts a DuckDB reject line of `path` to a physical line (after {@link resolve}'s pass). */
  private mapper(plan: FilePlan): (issue: DataIssue) => DataIssue {
    if (plan.file.compression === "zstd") {
      // No decompressor for a second pass here: give the record's position instead of a line.
      return (issue) => {
        if (issue.line === undefined || this.physical.has(issue)) return issue;
        const { line, ...rest } = issue;
        const row = plan.delimiter === undefined ? line : line - plan.headerLine;
        return row >= 1 ? { ...rest, row } : issue;
      };
    }
    let index: RecordLines | undefined;
    let dataRecords: number[] | undefined;
    const build = () => {
      index = indexRecordLines(plan.file, plan.delimiter);
      dataRecords = [];
      const first = plan.delimiter === undefined ? 0 : 1; // CSV: record 0 is the header
      for (let k = first; k < index.lines.length; k++) {
        if (!plan.rejected.has(index.duckLines[k]!)) dataRecords.push(index.lines[k]!);
      }
    };
    return (issue) => {
      if (issue.line === undefined) return issue;
      if (!index) build();
      if (this.physical.has(issue)) {
        if (!this.duck.has(issue)) return issue;
        const k = index!.duckLines.indexOf(issue.line);
        return k === -1 ? issue : { ...issue, line: index!.lines[k]! };
      }
      const i = plan.delimiter === undefined ? issue.line - 1 : issue.line - plan.headerLine - 1;
      if (i < 0) return issue; // the header itself
      const line = dataRecords![i];
      return line === undefined || line === issue.line ? issue : { ...issue, line };
    };
  }

  private readonly duck = new WeakSet<DataIssue>();

  /** Marks an issue whose line is DuckDB's numbering of a CSV record (a reject). */
  markDuckLine(issue: DataIssue): DataIssue {
    this.physical.add(issue);
    this.duck.add(issue);
    return issue;
  }

  /**
   * The issues with physical lines, in the same order (issues of other files unchanged); the
   * `found` text of an issue in a file outside the data folder is withheld.
   */
  resolve(issues: readonly DataIssue[]): DataIssue[] {
    const mappers = new Map<string, (issue: DataIssue) => DataIssue>();
    const located = (issue: DataIssue): DataIssue => {
      const plan = issue.file === undefined ? undefined : this.plans.get(issue.file);
      if (!plan || issue.line === undefined) return issue;
      let map = mappers.get(plan.file.path);
      if (!map) mappers.set(plan.file.path, (map = this.mapper(plan)));
      return map(issue);
    };
    return issues.map((raw) => {
      const issue = located(raw);
      if (issue.file === undefined || !this.outside.has(issue.file)) return issue;
      // Nothing read from a file outside the data folder is echoed: not a cell, not a line.
      const { found: _found, ...rest } = issue;
      return {
        ...rest,
        ...(issue.found !== undefined ? { found: "(not shown: the file lies outside the data folder)" } : {}),
        message: `${issue.code.replace(/_/g, " ")} (details not shown: the file lies outside the data folder)`,
      };
    });
  }
}
