/**
 * Writes a generated portfolio as a source export folder (Langfuse, OTLP JSON, event log) with its
 * `missions.yaml`: every file to a temporary file, renamed into place when all are complete.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { sourceSampleFiles, type SampleKind } from "../generate/source-samples";
import type { Portfolio } from "../generate/portfolio";
import { AtomicFileSet, folderEntries } from "./atomic-file-set";
import { OutputFolderNotEmptyError } from "./write-tables";

/** What {@link writeSourceSample} wrote. */
export interface WriteSourceSampleResult {
  readonly folder: string;
  readonly format: SampleKind;
  readonly files: readonly { readonly path: string; readonly rows: number; readonly bytes: number }[];
  readonly removed: readonly string[];
  readonly seconds: number;
}

/**
 * Writes the sample source files of `portfolio` into `folder`.
 *
 * @throws OutputFolderNotEmptyError when the folder holds files and `force` is not set.
 * @example await writeSourceSample(planPortfolio({ preset: "demo" }), "data/samples/langfuse", { kind: "langfuse", force: true })
 */
export async function writeSourceSample(
  portfolio: Portfolio,
  folder: string,
  options: { readonly kind: SampleKind; readonly force?: boolean },
): Promise<WriteSourceSampleResult> {
  const began = performance.now();
  const before = await folderEntries(folder);
  if (before.length > 0 && !options.force) throw new OutputFolderNotEmptyError(folder, before);
  const files = sourceSampleFiles(portfolio, options.kind);
  const set = new AtomicFileSet(before);
  const written: { path: string; rows: number; bytes: number }[] = [];
  try {
    for (const [name, text] of files) {
      const out = await set.open(join(folder, name));
      await out.write(text);
      written.push({ path: out.target, rows: text.split("\n").length - 1, bytes: 0 });
    }
    await set.commitAll();
  } catch (e) {
    await set.rollback();
    throw e;
  }
  for (const w of written) w.bytes = (await stat(w.path)).size;
  return {
    folder,
    format: options.kind,
    files: written,
    removed: [],
    seconds: (performance.now() - began) / 1000,
  };
}
