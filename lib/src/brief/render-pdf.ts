/**
 * PDF printing with the system Chromium, hardened for untrusted-looking content: one fresh browser
 * per call (a fresh profile folder, owner-only, in the project's `.cache/chromium-profiles/` —
 * not the shared temporary folder — removed afterwards), JavaScript off, every request that is not a
 * `data:` URL aborted, offline network emulation, content loaded with `setContent` (never a
 * `file://` URL), explicit timeouts, and the browser always closed.
 *
 * `--no-sandbox` is passed because Chromium refuses to start as root with its sandbox (the usual
 * case in containers); the other measures are what keeps the content contained.
 *
 * Profile folders are named `<pid>-<random>` after the process that renders. A render killed
 * before it could clean up (SIGKILL) leaves its folder behind; the next render removes every
 * folder whose process is no longer alive.
 */
import { accessSync, constants, statSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Browser, HTTPRequest } from "puppeteer";
import { writeFileAtomic } from "../io/atomic-file";
import { ChromiumNotFoundError, findChromium } from "../io/find-chromium";
import { PAGE_MARGINS, type PaperSize } from "./document";
import { escapeHtml, type SafeHtml } from "./html";

/**
 * Command-line switches Chromium is started with (besides puppeteer's defaults and headless).
 * `--no-sandbox` because Chromium refuses to run as root with its sandbox.
 *
 * @example CHROMIUM_ARGS.includes("--disable-quic") // → true
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-extensions",
  "--disable-default-apps",
  "--mute-audio",
];

/** Chromium gets at least this long to start, ms, whatever `timeoutMs` says (see renderPdf). */
const LAUNCH_TIMEOUT_FLOOR_MS = 30_000;

/** Options of {@link renderPdf}. */
export interface RenderPdfOptions {
  /** Paper size (default "a4"). */
  readonly paper?: PaperSize;
  /** Bound on the whole render, launch included, ms (default 60 000). */
  readonly timeoutMs?: number;
  /** Chromium to use (default {@link findChromium}). */
  readonly executablePath?: string;
  /** Text at the start of every page footer, e.g. "Mission brief · 2024-06-30" (escaped). */
  readonly footerLabel?: string;
  /** Told the URL of each request that was blocked (anything but `data:`). */
  readonly onBlockedRequest?: (url: string) => void;
  /** Folder the browser profiles are made in (default {@link defaultChromiumProfilesDir}). */
  readonly profilesDir?: string;
}

/**
 * The project's folder for Chromium profiles: `<repository root>/.cache/chromium-profiles`
 * (git-ignored), the same from `lib/src` and `lib/dist`.
 *
 * @example defaultChromiumProfilesDir() // → "<project folder>/.cache/chromium-profiles"
 */
export function defaultChromiumProfilesDir(): string {
  return resolve(__dirname, "..", "..", "..", ".cache", "chromium-profiles");
}

const PROFILE_NAME = /^(\d+)-[0-9A-Za-z]+$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by someone else
  }
}

/**
 * Removes the profile folders in `dir` left by renders whose process is gone (killed with
 * SIGKILL before they could clean up). Folders of live processes, this one included, and
 * anything not named `<pid>-<random>` are left alone. Resolves to the folders removed.
 *
 * @example await removeStaleProfiles(defaultChromiumProfilesDir()) // → ["/…/chromium-profiles/4242-x1Yz9a"]
 */
export async function removeStaleProfiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const m = PROFILE_NAME.exec(entry.name);
    if (!m || !entry.isDirectory()) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    const path = join(dir, entry.name);
    await rm(path, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    removed.push(path);
  }
  return removed;
}

/**
 * The render did not finish within `timeoutMs` (the browser is closed all the same).
 *
 * @example await renderPdf(doc, { timeoutMs: 1 }) // → rejects with PdfTimeoutError
 */
export class PdfTimeoutError extends Error {
  constructor(ms: number) {
    super(`PDF rendering did not finish within ${ms} ms`);
    this.name = "PdfTimeoutError";
  }
}

function footerTemplate(label: string | undefined): string {
  const style =
    "width: 100%; margin: 0 15mm; display: flex; justify-content: space-between; " +
    "font-family: 'DejaVu Sans', Verdana, sans-serif; font-size: 7.5pt; color: #52606d;";
  return (
    `<div style="${style}"><span>${escapeHtml(label ?? "")}</span>` +
    `<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
  );
}

function assertExecutable(path: string): void {
  try {
    if (!statSync(path).isFile()) throw new Error("not a file");
    accessSync(path, constants.X_OK);
  } catch {
    throw new ChromiumNotFoundError(`executablePath "${path}" is not an executable file`);
  }
}

async function closeBrowser(browser: Browser): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    browser.close().then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), 5_000);
    }),
  ]);
  if (timer) clearTimeout(timer);
  if (!closed) browser.process()?.kill("SIGKILL");
}

async function print(
  browser: Browser,
  html: string,
  options: RenderPdfOptions,
  timeoutMs: number,
): Promise<Uint8Array> {
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  page.setDefaultTimeout(timeoutMs);
  page.setDefaultNavigationTimeout(timeoutMs);
  await page.setJavaScriptEnabled(false);
  await page.setOfflineMode(true);
  await page.setRequestInterception(true);
  page.on("request", (request: HTTPRequest) => {
    const url = request.url();
    if (url.startsWith("data:")) {
      request.continue().catch(() => undefined);
      return;
    }
    options.onBlockedRequest?.(url);
    request.abort("blockedbyclient").catch(() => undefined);
  });
  await page.setContent(html, { waitUntil: "load", timeout: timeoutMs });
  return page.pdf({
    format: options.paper === "letter" ? "Letter" : "A4",
    printBackground: true,
    tagged: true,
    outline: true,
    displayHeaderFooter: true,
    headerTemplate: "<div></div>",
    footerTemplate: footerTemplate(options.footerLabel),
    margin: PAGE_MARGINS,
    preferCSSPageSize: false,
    timeout: timeoutMs,
  });
}

/**
 * Prints an HTML document to PDF bytes with a fresh headless Chromium (see the module comment for
 * the hardening). Pages carry the footer "‹footerLabel›   Page N of M". Text stays text (tagged
 * PDF, with an outline from the headings).
 *
 * @throws ChromiumNotFoundError when no browser is found or `executablePath` is not executable.
 * Each call removes stale profile folders first (see {@link removeStaleProfiles}).
 *
 * @throws PdfTimeoutError when the render takes longer than `timeoutMs`; the promise settles only
 *   once the browser has exited and its profile folder is removed (a browser still starting is
 *   let finish starting, then closed).
 * @example const pdf = await renderPdf(htmlDocument({ title: "Brief", bodyHtml: html`<h1>Brief</h1>` }))
 *   // → Uint8Array starting with "%PDF-"
 */
export async function renderPdf(
  html: string | SafeHtml,
  options: RenderPdfOptions = {},
): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs)))
    throw new RangeError("timeoutMs must be a positive number");
  const executablePath = options.executablePath ?? findChromium();
  assertExecutable(executablePath);
  const { default: puppeteer } = await import("puppeteer");
  const profilesDir = options.profilesDir ?? defaultChromiumProfilesDir();
  await mkdir(profilesDir, { recursive: true, mode: 0o700 });
  await removeStaleProfiles(profilesDir);
  const userDataDir = await mkdtemp(join(profilesDir, `${process.pid}-`)); // mode 0700
  let timer: NodeJS.Timeout | undefined;
  // Puppeteer does not wait for the browser to exit when its own launch timeout fires, so that
  // timeout is set past ours: on our deadline the launch still completes and the browser is then
  // closed (and awaited) below — no orphaned Chromium, no profile folder left behind.
  const launchTimeout = Math.max(timeoutMs, LAUNCH_TIMEOUT_FLOOR_MS);
  const launching = puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true, // no DevTools port is opened
    userDataDir,
    args: [...CHROMIUM_ARGS],
    timeout: launchTimeout,
    protocolTimeout: launchTimeout,
  });
  launching.catch(() => undefined); // awaited in `finally`
  try {
    const work = launching.then((browser) => print(browser, String(html), options, timeoutMs));
    work.catch(() => undefined); // settled through the race; no unhandled rejection after a timeout
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PdfTimeoutError(timeoutMs)), timeoutMs);
    });
    return await Promise.race([work, deadline]);
  } finally {
    if (timer) clearTimeout(timer);
    // Launch is bounded by its own timeout; closing the browser ends any work still pending.
    const browser = await launching.catch(() => undefined);
    if (browser) await closeBrowser(browser);
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  }
}

/**
 * {@link renderPdf}, then writes the bytes to `path` atomically (temporary file + rename): when
 * rendering or writing fails, no file — not even a partial one — appears at `path`, and an
 * existing file there is left untouched.
 *
 * @throws whatever {@link renderPdf} or {@link writeFileAtomic} throws.
 * @example await renderPdfToFile(doc, "reports/brief.pdf", { paper: "letter" }) // → file written
 */
export async function renderPdfToFile(
  html: string | SafeHtml,
  path: string,
  options: RenderPdfOptions = {},
): Promise<void> {
  const pdf = await renderPdf(html, options);
  await writeFileAtomic(path, pdf);
}
