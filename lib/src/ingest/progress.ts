/**
 * Progress of a long load or evaluation, as events a caller may display (the CLI shows them on a
 * terminal; pipes and `--json` stay quiet). Events are advisory: they never change a result.
 */

/** A table being read: rows so far, and bytes when the reader knows them. */
export interface ReadProgress {
  readonly stage: "read";
  /** Canonical table name (`runs`, `task_executions`, …). */
  readonly table: string;
  /** Rows read from the table so far. */
  readonly rows: number;
  /** Bytes of the table's files read so far, when known. */
  readonly bytes?: number;
  /** Total bytes of the table's files (compressed size for compressed files), when known. */
  readonly totalBytes?: number;
  /** True on the table's last event. */
  readonly done?: boolean;
}

/** Missions being evaluated. */
export interface EvaluateProgress {
  readonly stage: "evaluate";
  readonly missions: number;
  readonly totalMissions: number;
}

/** One progress event. */
export type ProgressEvent = ReadProgress | EvaluateProgress;

/** Receives progress events. */
export type ProgressListener = (event: ProgressEvent) => void;
