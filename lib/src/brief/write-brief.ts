/**
 * Writing the brief's files: `<folder>/<name>.html` and, when given, `<folder>/<name>.pdf`, both
 * atomically and together — every file is first written completely to a temporary file in the
 * target folder, and only then are they renamed into place, so a failure while writing leaves no
 * partial file and no half of the pair.
 */
import { basename, join } from "node:path";
import { writeFilesAtomic, type FileContent } from "../io/atomic-file";
import { formatDate } from "./format";

/** What {@link writeBrief} writes (at least one of the two). */
export interface BriefFiles {
  /** The HTML document (UTF-8), when an HTML file is wanted. */
  readonly html?: string;
  /** The PDF bytes, when a PDF is wanted. */
  readonly pdf?: Uint8Array;
  /** The brief model as JSON (`briefJson`), when the model file is wanted. */
  readonly json?: string;
}

/** Paths {@link writeBrief} wrote. */
export interface WrittenBrief {
  readonly html?: string;
  readonly pdf?: string;
  readonly json?: string;
}

/**
 * A safe default file name (without extension) for a dataset folder and an as-of instant:
 * "brief-‹folder name›-‹YYYY-MM-DD›", characters outside `[A-Za-z0-9._-]` replaced by "-".
 *
 * @example briefFileName("data/demo", "2026-03-06T11:47:00.000Z") // → "brief-demo-2026-03-06"
 */
export function briefFileName(datasetFolder: string, asOf: string): string {
  const folder = basename(datasetFolder.replace(/[\\/]+$/, "")) || "dataset";
  const safe =
    folder
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^[.-]+|-+$/g, "")
      .slice(0, 80) || "dataset";
  return `brief-${safe}-${formatDate(asOf)}`;
}

/**
 * True when `name` can be used as the brief's file name: letters, digits, ".", "_" and "-",
 * starting with a letter or digit, at most 200 characters (no folder, no "..").
 *
 * @example isBriefName("../x") // → false
 */
export function isBriefName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(name) && !name.includes("..");
}

/**
 * Writes `<folder>/<name>.html`, `<folder>/<name>.pdf` and `<folder>/<name>.json` (whichever `files` holds), creating
 * the folder. Both files are written in full to temporary files in `folder` first and renamed into place only when
 * both are complete; on any failure the temporary files are removed and existing files at the
 * targets are left untouched. (Only a failure between the two final renames — practically
 * impossible on one file system — could leave the new HTML beside an older PDF.)
 *
 * @throws RangeError when `name` is not a plain file name (see {@link isBriefName}) or `files`
 *   holds neither; the file system's error when writing fails.
 * @example await writeBrief({ html, pdf }, { folder: "reports", name: "brief-demo-2026-03-06" })
 *   // → { html: "reports/brief-demo-2026-03-06.html", pdf: "reports/brief-demo-2026-03-06.pdf" }
 */
export async function writeBrief(
  files: BriefFiles,
  target: { readonly folder: string; readonly name: string },
): Promise<WrittenBrief> {
  if (!isBriefName(target.name))
    throw new RangeError(`not a plain file name: ${JSON.stringify(target.name)}`);
  if (files.html === undefined && files.pdf === undefined && files.json === undefined)
    throw new RangeError("writeBrief: nothing to write");
  const htmlPath = files.html !== undefined ? join(target.folder, `${target.name}.html`) : undefined;
  const pdfPath = files.pdf !== undefined ? join(target.folder, `${target.name}.pdf`) : undefined;
  const jsonPath = files.json !== undefined ? join(target.folder, `${target.name}.json`) : undefined;
  const outputs: FileContent[] = [];
  if (htmlPath && files.html !== undefined) outputs.push({ path: htmlPath, data: files.html });
  if (pdfPath && files.pdf !== undefined) outputs.push({ path: pdfPath, data: files.pdf });
  if (jsonPath && files.json !== undefined) outputs.push({ path: jsonPath, data: files.json });
  await writeFilesAtomic(outputs);
  return {
    ...(htmlPath ? { html: htmlPath } : {}),
    ...(pdfPath ? { pdf: pdfPath } : {}),
    ...(jsonPath ? { json: jsonPath } : {}),
  };
}
