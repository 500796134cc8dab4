/**
 * Puppeteer configuration: never download a browser. The project renders PDFs
 * with the system Chromium (Debian's `chromium`), found by lib/src/io/browser.ts.
 */
module.exports = { skipDownload: true };
