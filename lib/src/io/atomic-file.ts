/**
 * Atomic output: every file the project writes goes to a temporary file in the target folder and
 * is renamed into place only when complete, so a failure never leaves a half-written file.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { lstat, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

/**
 * Refuses a target that exists and is not a regular file (a folder, a device such as /dev/full, a
 * socket): renaming over it would replace it. A symbolic link is replaced by the file, as before.
 */
async function assertReplaceable(target: string): Promise<void> {
  const s = await lstat(target).catch(() => undefined);
  if (s && !s.isFile() && !s.isSymbolicLink()) {
    throw Object.assign(new Error(`${target} exists and is not a regular file; not replacing it`), {
      code: s.isDirectory() ? "EISDIR" : "ENOTREG",
    });
  }
}

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Writes `data` to `target` atomically: a temporary file in the same folder, then a rename.
 * Creates the folder if needed. On failure the temporary file is removed and the error rethrown;
 * an existing `target` is left untouched. A `target` that exists but is not a regular file (a
 * folder, a device) is refused (code `EISDIR` or `ENOTREG`), never replaced.
 *
 * @example await writeFileAtomic("reports/brief.html", "<!doctype html>…") // → resolves, file complete
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await assertReplaceable(target);
  const tmp = tempPathFor(target);
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** A stream to a temporary file that becomes `target` on {@link AtomicWriteStream.commit}. */
export interface AtomicWriteStream {
  /** Write here; honour back-pressure (`write` returning false → wait for "drain"). */
  readonly stream: WriteStream;
  /** Final path the file will have after commit. */
  readonly target: string;
  /** Writes `chunk`, waiting for "drain" when the stream asks for it; rejects on a stream error. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Ends the stream, waits for it to flush, and renames it into place. */
  commit(): Promise<void>;
  /** Destroys the stream and removes the temporary file; `target` is untouched. */
  abort(): Promise<void>;
}

/**
 * Opens a write stream whose content appears at `target` only when committed — for outputs too
 * large to build in memory (generated data sets).
 *
 * @example const out = await createAtomicWriteStream("data/big/runs.ndjson");
 *   out.stream.write("{}\n"); await out.commit(); // → data/big/runs.ndjson holds "{}\n"
 */
export async function createAtomicWriteStream(target: string): Promise<AtomicWriteStream> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  const stream = createWriteStream(tmp);
  let failure: Error | undefined;
  stream.on("error", (e) => {
    failure = e;
  });
  return {
    stream,
    target,
    async write(chunk) {
      if (failure) throw failure;
      if (!stream.write(chunk)) {
        if (failure) throw failure;
        await once(stream, "drain"); // rejects if the stream errors meanwhile
      }
    },
    async commit() {
      await new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
      });
      if (failure) throw failure;
      await rename(tmp, target);
    },
    async abort() {
      stream.destroy();
      await rm(tmp, { force: true });
    },
  };
}

/** One in-memory file of a set written by {@link writeFilesAtomic}. */
export interface FileContent {
  readonly path: string;
  readonly data: string | Uint8Array;
}

/**
 * Writes several files so that they appear together: each is written in full to a temporary file
 * beside its target, and only then are all renamed into place. On a failure while writing, every
 * temporary file is removed and existing targets are untouched. (Only a failure between two of
 * the final renames could leave a new file beside an older one.)
 *
 * @example await writeFilesAtomic([{ path: "r/a.html", data: "<p>" }, { path: "r/a.pdf", data: pdf }])
 *   // → both files complete, or neither changed
 */
export async function writeFilesAtomic(files: readonly FileContent[]): Promise<void> {
  const staged = files.map((f) => ({ ...f, temp: tempPathFor(f.path) }));
  try {
    for (const f of staged) {
      await mkdir(dirname(f.path), { recursive: true });
      await assertReplaceable(f.path);
      await writeFile(f.temp, f.data, { flag: "wx" });
    }
    for (const f of staged) await rename(f.temp, f.path);
  } catch (err) {
    // Settle every removal (one may fail, e.g. under a path that is not a folder) before rethrowing.
    await Promise.allSettled(staged.map((f) => rm(f.temp, { force: true })));
    throw err;
  }
}
