/**
 * Output paths the user names (`--out`, `--junit`): checked before any work, and every way writing
 * them can fail turned into one sentence — a file where a folder should be, a folder or file that
 * is not writable, a full device — instead of a system error such as "EEXIST: file already
 * exists, mkdir". The messages live here, once.
 */
import { constants } from "node:fs";
import { access, stat, statfs } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/**
 * An output path that cannot be used; `reason` says why, in words.
 *
 * @example new OutputPathError("reports", "the folder is not writable").message // → "reports: the folder is not writable"
 */
export class OutputPathError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = "OutputPathError";
    this.path = path;
    this.reason = reason;
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * One sentence for a failed write to `path` (a file or the folder it goes into), by error code;
 * other errors keep their message.
 *
 * @example describeWriteError("reports", Object.assign(new Error("ENOSPC"), { code: "ENOSPC" }))
 *   // → "cannot write reports: no space left on the device"
 */
export function describeWriteError(path: string, error: unknown): string {
  if (error instanceof OutputPathError) return `cannot write ${error.path}: ${error.reason}`;
  const reason: Record<string, string> = {
    EEXIST: "a file is in the way (a folder is needed there)",
    ENOTDIR: "a file is in the way (a folder is needed there)",
    EISDIR: "it is a folder (a file is needed there)",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EROFS: "the file system is read-only",
    ENOSPC: "no space left on the device",
    EDQUOT: "the disk quota is exhausted",
    EFBIG: "the file is too large for the file system",
    ENOTREG: "it is not a regular file (a device, a socket or a pipe)",
  };
  const code = errorCode(error);
  const text =
    (code !== undefined ? reason[code] : undefined) ??
    (error instanceof Error ? error.message : String(error));
  return `cannot write ${path}: ${text}`;
}

/** Linux statfs magic numbers of kernel pseudo-file systems, and their names. */
const PSEUDO_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, "proc"],
  [0x62656572, "sysfs"],
  [0x63677270, "cgroup2"],
  [0x27e0eb, "cgroup"],
  [0x64626720, "debugfs"],
  [0x73636673, "securityfs"],
]);

/** The path itself when it exists, else its nearest existing ancestor, with its stat. */
async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean }> {
  let current = resolve(path);
  for (;;) {
    try {
      const s = await stat(current);
      return { path: current, isDirectory: s.isDirectory() };
    } catch (e) {
      const parent = dirname(current);
      if (errorCode(e) !== "ENOENT" || parent === current) throw e;
      current = parent;
    }
  }
}

/**
 * Checks that `folder` is, or can be created as, a writable folder: it is not a file, no file
 * stands in the way on its path, the nearest existing folder is writable and not on a kernel
 * pseudo-file system (/proc, /sys, cgroups).
 *
 * @throws OutputPathError saying which of these fails.
 * @example await checkOutputFolder("/etc/hostname") // throws OutputPathError: "/etc/hostname: it exists and is not a folder"
 */
export async function checkOutputFolder(folder: string): Promise<void> {
  const found = await nearestExisting(folder);
  const itself = found.path === resolve(folder);
  if (!found.isDirectory) {
    throw new OutputPathError(
      folder,
      itself
        ? "it exists and is not a folder"
        : `the folder cannot be created: ${found.path} is not a folder`,
    );
  }
  // Kernel pseudo-file systems accept no reports (and `mkdir -p` under /proc can hang in Node).
  const fsType = await statfs(found.path).then(
    (f) => f.type,
    () => undefined,
  );
  if (fsType !== undefined && PSEUDO_FILE_SYSTEMS.has(fsType)) {
    throw new OutputPathError(
      folder,
      `${found.path} is on a kernel pseudo-file system (${PSEUDO_FILE_SYSTEMS.get(fsType)}), not a place for files`,
    );
  }
  try {
    await access(found.path, constants.W_OK);
  } catch {
    throw new OutputPathError(
      folder,
      itself ? "the folder is not writable" : `the folder cannot be created: ${found.path} is not writable`,
    );
  }
}

/**
 * Checks that `file` can be written as a regular file: it is a regular file or missing, and its
 * folder passes {@link checkOutputFolder}. (A device such as /dev/full or a folder is refused: an
 * atomic write would replace it.)
 *
 * @throws OutputPathError saying what is wrong.
 * @example await checkOutputFile("reports") // throws OutputPathError: "reports: it is a folder, not a file"
 */
export async function checkOutputFile(file: string): Promise<void> {
  const s = await stat(file).catch((e: unknown) => {
    if (errorCode(e) === "ENOENT") return undefined;
    throw e;
  });
  if (s?.isDirectory()) throw new OutputPathError(file, "it is a folder, not a file");
  if (s && !s.isFile())
    throw new OutputPathError(file, "it is not a regular file (a device, a socket or a pipe)");
  await checkOutputFolder(dirname(file));
}
