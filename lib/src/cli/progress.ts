/**
 * Progress of long CLI commands on a terminal (cli-progress): a bar per table read, then one for
 * the missions evaluated. Shown only when the stream is a terminal, `--json` is not set, and the
 * command has already run for a couple of seconds — quick commands and pipes never see a byte of
 * it. The bar is cleared when the command finishes, so the terminal keeps only the command's output.
 */
import { SingleBar } from "cli-progress";
import type { ProgressEvent, ProgressListener } from "../ingest/progress";
import type { CommandIo } from "./command-context";
import { terminalSafe } from "./terminal-text";

/** A stream progress may be drawn on: stderr, or any writable that says whether it is a terminal. */
export interface ProgressStream extends NodeJS.WritableStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Options of {@link cliProgress}. */
export interface CliProgressOptions {
  /** Where to draw (the CLI passes the process's stderr); absent = never show anything. */
  readonly stream?: ProgressStream;
  /** True for `--json` (and any machine-read output): never show anything. */
  readonly quiet?: boolean;
  /** Milliseconds after {@link cliProgress} was called before anything is drawn (default 2,000). */
  readonly delayMs?: number;
}

/** A command's progress display. */
export interface CliProgress {
  /** Pass to the loader (`onProgress`) and to `evaluate` (`onProgress`). */
  readonly listener: ProgressListener;
  /** Clears the bar, if one is drawn; call before printing results (idempotent). */
  done(): void;
  /** Whether anything was drawn so far. */
  readonly shown: boolean;
}

/** Default delay before progress appears, milliseconds. */
export const PROGRESS_DELAY_MS = 2_000;

const n = (x: number): string => Math.round(x).toLocaleString("en-US");
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** What one phase of the display shows: a key (a new key starts a new bar) and the bar's figures. */
interface Phase {
  readonly key: string;
  readonly label: string;
  /** Total for the bar, or undefined for a count without a bar. */
  readonly total?: number;
  readonly value: number;
  readonly detail: string;
}

function phaseOf(event: ProgressEvent): Phase {
  if (event.stage === "evaluate") {
    return {
      key: "evaluate",
      label: "evaluating",
      total: Math.max(1, event.totalMissions),
      value: event.missions,
      detail: `${n(event.missions)} / ${n(event.totalMissions)} missions`,
    };
  }
  const table = terminalSafe(event.table);
  const rows = `${n(event.rows)} rows`;
  if (event.totalBytes !== undefined && event.totalBytes > 0 && event.bytes !== undefined) {
    return {
      key: `read:${event.table}`,
      label: `reading ${table}`,
      total: event.totalBytes,
      value: Math.min(event.bytes, event.totalBytes),
      detail: `${rows}, ${mib(event.bytes)} / ${mib(event.totalBytes)}`,
    };
  }
  return { key: `read:${event.table}`, label: `reading ${table}`, value: event.rows, detail: rows };
}

/**
 * A progress display for one command. Nothing is drawn unless `stream` is a terminal
 * (`isTTY`), `quiet` is false and `delayMs` have passed since the call; then each event updates
 * the bar (redrawn at most ten times a second). Events are advisory: the listener never throws.
 *
 * @example
 * const progress = cliProgress({ stream: process.stderr, quiet: flags.json === true });
 * try { result = evaluate(dataset, rules, { onProgress: progress.listener }); } finally { progress.done(); }
 */
export function cliProgress(options: CliProgressOptions = {}): CliProgress {
  const stream = options.stream;
  const enabled = options.quiet !== true && stream !== undefined && stream.isTTY === true;
  const showAfter = Date.now() + (options.delayMs ?? PROGRESS_DELAY_MS);
  let bar: SingleBar | undefined;
  let key: string | undefined;
  let shown = false;
  let finished = false;

  const stopBar = (): void => {
    bar?.stop();
    bar = undefined;
    key = undefined;
  };

  const listener: ProgressListener = (event) => {
    if (!enabled || finished || stream === undefined) return;
    if (Date.now() < showAfter) return;
    try {
      const phase = phaseOf(event);
      if (phase.key !== key) {
        stopBar();
        const withBar = phase.total !== undefined;
        bar = new SingleBar({
          stream,
          format: withBar ? "{label} {bar} {percentage}% | {detail}" : "{label}: {detail}",
          barsize: 30,
          clearOnComplete: true,
          hideCursor: false,
          linewrap: false,
          fps: 10,
          etaBuffer: 20,
        });
        bar.start(phase.total ?? 1, phase.value, { label: phase.label, detail: phase.detail });
        key = phase.key;
        shown = true;
      }
      bar?.update(phase.value, { label: phase.label, detail: phase.detail });
    } catch {
      // Progress is advisory: a display problem never fails the command.
    }
  };

  return {
    listener,
    done(): void {
      if (finished) return;
      finished = true;
      try {
        stopBar();
      } catch {
        // as above
      }
    },
    get shown() {
      return shown;
    },
  };
}

/** A command's progress display and the output sinks to use while it may be drawn. */
export interface CliProgressIo extends CliProgress {
  /** `io` whose `out` and `err` first clear the bar for good (so a message never lands on it). */
  readonly io: CommandIo;
}

/**
 * The progress display of a command: on `io.progressStream` (the process's stderr when it writes
 * there), quiet when `json` (machine-read output) is set.
 *
 * @example const progress = progressForCli(io, flags.json === true);
 *   // load with progress.io and progress.listener, evaluate with progress.listener, then progress.done()
 */
export function progressForCli(io: CommandIo, json: boolean): CliProgressIo {
  const progress = cliProgress({ ...(io.progressStream ? { stream: io.progressStream } : {}), quiet: json });
  return {
    listener: progress.listener,
    done: () => progress.done(),
    get shown() {
      return progress.shown;
    },
    io: {
      out: (s) => {
        progress.done();
        io.out(s);
      },
      err: (s) => {
        progress.done();
        io.err(s);
      },
    },
  };
}
