/**
 * Puppeteer configuration: never download a browser. The project renders PDFs
 * with the system Chromium (Debian's `chromium`), found by lib/src/io/find-chromium.ts.
 */
module.exports = { skipDownload: true };
