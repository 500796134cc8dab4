/**
 * The slot columns of the run-task fold (one value per (run, task) slot), how the fold is given its
 * runs and how it shares its columns with a second thread, and the gathers that turn slot columns
 * into the run-task table's columns.
 */
import type { RunIndex, WholeColumn } from "../model/run-task-stat-table";

/** Makes a table column out of a slot column (see `RunTaskAccumulator.takeTable`). */
export type Gather = <T extends SlotColumn>(column: T, release: (empty: T) => void) => T;

/** A slot or table column. */
export type SlotColumn = Uint16Array | Uint32Array | Float64Array;

/** A new column of `column`'s type and `length` values, zeroed. */
export function columnLike<T extends SlotColumn>(column: T, length: number): T {
  return new (column.constructor as new (length: number) => T)(length);
}

/** A copy whose entry i is slot `source[i]` of `column` (left as it is). */
export function gatherCopy<T extends SlotColumn>(column: T, source: Uint32Array): T {
  const n = source.length;
  const out = columnLike(column, n);
  for (let i = 0; i < n; i++) out[i] = column[source[i]!]!;
  return out;
}

/** An empty column of `column`'s type, backed by a buffer of its own. */
export function emptyLike<T extends SlotColumn>(column: T): T {
  return columnLike(column, 0);
}

/** A gather that copies, leaving the slot columns as they are. */
export function copyGathered(source: Uint32Array): Gather {
  return <T extends SlotColumn>(column: T): T => gatherCopy(column, source);
}

/** The slot columns of a `RunTaskAccumulator` (one value per (run, task) slot). */
export interface SlotColumns {
  readonly executions: WholeColumn;
  readonly actual: Float64Array;
  readonly delay: Float64Array;
  readonly approvalDelay: Float64Array;
  readonly approvals: WholeColumn;
  readonly overrun: Float64Array;
  readonly overruns: WholeColumn;
  readonly unsuccessful: WholeColumn;
  readonly agents: WholeColumn;
}

/** How a `RunTaskAccumulator` holds its columns when two threads fold into them. */
export interface AccumulatorSharing {
  /** Fold into these columns (a worker's views of the parent's shared columns) instead of new ones. */
  readonly columns?: SlotColumns;
  /** Allocate new columns over `SharedArrayBuffer`s, so that a worker can fold into them too. */
  readonly shared?: boolean;
  /**
   * Per run, the mark of the thread that folded into it first (0: none yet). Each thread claims
   * a run when it turns to it; a run another thread claimed sets `RunTaskAccumulator.conflict`.
   */
  readonly claims?: { readonly owner: Int32Array; readonly mark: number };
  /** Index of the run the first look-up most likely asks for (saves building the run map). */
  readonly firstRun?: number;
}

/**
 * Runs given as arrays (what the loader has): ids known to be distinct, with their mission ids,
 * and optionally, for each run, the index of the run that follows it in the runs file (−1: none),
 * which is the run task executions most likely turn to next.
 */
export interface OrderedRuns {
  readonly runIds: readonly string[];
  /** Mission id of each run ("" when invalid). */
  readonly missionIds: readonly string[];
  readonly next?: Int32Array;
  /** Index of the run listed first in the runs file (the first guess), when known. */
  readonly first?: number;
  /** A look-up of `runIds` the caller already has (trusted), used instead of building one. */
  readonly index?: RunIndex;
}
