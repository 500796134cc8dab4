/**
 * A set of streamed output files that appear together or not at all (the generator's tables and
 * bundle files), and the folder bookkeeping around it.
 */
import { readdir, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { createAtomicWriteStream, type AtomicWriteStream } from "./atomic-file";

/**
 * Names of the entries of `folder`, sorted; empty when it does not exist.
 *
 * @throws Error when `folder` exists and is not a folder.
 * @example await folderEntries("/nonexistent") // → []
 */
export async function folderEntries(folder: string): Promise<string[]> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new Error(`${folder} exists and is not a folder`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return (await readdir(folder)).sort();
}

/**
 * Removes the files among `names` that were in `folder` before (`before`: its entries then), and
 * returns their paths — e.g. tables of another format that would make the folder ambiguous.
 *
 * @example await removeIfPresent("out", ["runs.csv", "runs.json"], ["runs.csv"]) // → ["out/runs.csv"]
 */
export async function removeIfPresent(
  folder: string,
  names: readonly string[],
  before: readonly string[],
): Promise<string[]> {
  const removed: string[] = [];
  for (const name of names) {
    if (!before.includes(name)) continue;
    const path = join(folder, name);
    await rm(path, { force: true });
    removed.push(path);
  }
  return removed;
}

/**
 * Streams opened through one set are committed together by {@link AtomicFileSet.commitAll}; after
 * any failure {@link AtomicFileSet.rollback} aborts the uncommitted ones and removes the committed
 * files that did not exist before, so nothing half-written or new is left behind.
 *
 * @example const set = new AtomicFileSet(await folderEntries("out"));
 *   try { const a = await set.open("out/a.ndjson"); await a.write("{}\n"); await set.commitAll(); }
 *   catch (e) { await set.rollback(); throw e; } // → out/a.ndjson complete, or absent
 */
export class AtomicFileSet {
  private readonly opened: AtomicWriteStream[] = [];
  private readonly committed = new Set<AtomicWriteStream>();

  /** `existedBefore`: the folder's entries before writing (see {@link folderEntries}). */
  constructor(private readonly existedBefore: readonly string[]) {}

  /** Opens a stream to `target`, committed with the others. */
  async open(target: string): Promise<AtomicWriteStream> {
    const out = await createAtomicWriteStream(target);
    this.opened.push(out);
    return out;
  }

  /** Commits every stream in the order they were opened. */
  async commitAll(): Promise<void> {
    for (const out of this.opened) {
      await out.commit();
      this.committed.add(out);
    }
  }

  /** Aborts the uncommitted streams and removes committed files that are new. */
  async rollback(): Promise<void> {
    await Promise.all(this.opened.filter((o) => !this.committed.has(o)).map((o) => o.abort()));
    const fresh = [...this.committed].filter((o) => !this.existedBefore.includes(basename(o.target)));
    await Promise.all(fresh.map((o) => rm(o.target, { force: true })));
  }
}
