/**
 * Writing the CLI's output to a process stream that the reader may close early
 * (`mission check data/demo | head -2`): the first EPIPE marks the stream closed, later writes are
 * dropped, and the command finishes its work (files it writes are still written) and exits with
 * its own code — no "write EPIPE" stack trace. Any other stream error is reported once on stderr.
 */
import type { Writable } from "node:stream";

/**
 * A writer for `stream` that ends quietly when the other end of a pipe goes away.
 *
 * @example const out = streamWriter(process.stdout); out("hello\n") // → writes, or drops after EPIPE
 */
export function streamWriter(stream: Writable): (s: string) => void {
  let closed = false;
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") return;
    if (stream !== process.stderr && !process.stderr.destroyed)
      process.stderr.write(`mission: cannot write the output: ${e.message}\n`);
    process.exitCode = 1;
  });
  return (s) => {
    if (closed || stream.destroyed) return;
    stream.write(s);
  };
}
