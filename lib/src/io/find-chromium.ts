/**
 * Locates the Chromium used to print PDFs. The project never downloads a browser (see
 * .puppeteerrc.cjs); it uses the system's (Debian: `apt-get install chromium`).
 */
import { accessSync, constants, statSync } from "node:fs";

/**
 * Environment variables checked, in order, for an explicit browser path.
 *
 * @example CHROMIUM_ENV_VARS // → ["MISSION_CHROMIUM", "PUPPETEER_EXECUTABLE_PATH"]
 */
export const CHROMIUM_ENV_VARS = ["MISSION_CHROMIUM", "PUPPETEER_EXECUTABLE_PATH"] as const;

/**
 * Where Chromium is looked for, in order, when no environment variable names it.
 *
 * @example CHROMIUM_CANDIDATES[0] // → "/usr/bin/chromium"
 */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/**
 * No usable Chromium was found; the message says where it looked and how to fix it.
 *
 * @example findChromium({ env: {}, candidates: [] }) // → throws ChromiumNotFoundError
 */
export class ChromiumNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChromiumNotFoundError";
  }
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Options of {@link findChromium} (for tests; defaults are the real environment). */
export interface FindChromiumOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly candidates?: readonly string[];
}

/**
 * Path of the Chromium executable: `MISSION_CHROMIUM`, else `PUPPETEER_EXECUTABLE_PATH`, when set
 * (non-empty); else the first of /usr/bin/chromium, /usr/bin/chromium-browser,
 * /usr/bin/google-chrome that is an executable file.
 *
 * @throws ChromiumNotFoundError when the variable set names no executable file (the message
 *   names the variable), or when no candidate exists (the message says to set MISSION_CHROMIUM or
 *   run `apt-get install chromium`).
 * @example findChromium() // → "/usr/bin/chromium" (on this project's Debian image)
 */
export function findChromium(options: FindChromiumOptions = {}): string {
  const env = options.env ?? process.env;
  for (const name of CHROMIUM_ENV_VARS) {
    const value = env[name];
    if (value === undefined || value.trim() === "") continue;
    if (!isExecutableFile(value)) {
      throw new ChromiumNotFoundError(`${name} is set to "${value}", which is not an executable file`);
    }
    return value;
  }
  const candidates = options.candidates ?? CHROMIUM_CANDIDATES;
  const found = candidates.find(isExecutableFile);
  if (found) return found;
  throw new ChromiumNotFoundError(
    `no Chromium found (looked at ${candidates.join(", ")}); install it with \`apt-get install chromium\` ` +
      `or set MISSION_CHROMIUM to the browser's path`,
  );
}
