/**
 * PDF from the table's HTML. Outside Electron (CLI, browser mode, benchmark) the same HTML is printed by a headless
 * Chromium-family browser through playwright-core, which drives an installed browser and downloads nothing. Inside
 * Electron the shell can pass its own printer (webContents.printToPDF, see src-main/shell/print.ts): both print the
 * same document with the same page settings.
 *
 * Starting the browser is about half of a PDF's time, so a started browser is kept for a short while after a
 * print (a clerk often downloads the PDF right after previewing, or prints twice) and closed when idle, and by
 * `close()` when the app closes, so no browser process outlives us.
 */
import { chromium, type Browser } from 'playwright-core';
import { findBrowserExecutable } from './browser-path';

export interface PdfPrinter {
  /** The PDF bytes of a complete HTML document, A4 landscape, backgrounds printed. */
  print(html: string): Promise<Buffer>;
  /** Releases whatever the printer holds (a running browser). */
  close(): Promise<void>;
  /** A hint that a print may follow soon (the preview is open): start what a print needs, never fail. */
  warm?(): void;
}

/** No sandbox (containers, root), nothing that talks to the network or the GPU; playwright.config.ts starts its Chromium with these too. */
export const HEADLESS_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumPdfOptions {
  executablePath?: string;
  /** How long an idle browser is kept for the next print; 0 closes it after each print. Default 60 s. */
  idleMs?: number;
}

export function chromiumPdfPrinter(options: ChromiumPdfOptions = {}): PdfPrinter {
  const idleMs = options.idleMs ?? 60_000;
  let browser: Promise<Browser> | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let printing = 0;

  const shutdown = async () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const running = browser;
    browser = null;
    if (running) await (await running.catch(() => null))?.close();
  };

  const acquire = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (!browser) {
      const executablePath = options.executablePath ?? findBrowserExecutable();
      const launching = chromium.launch({ executablePath, headless: true, args: HEADLESS_ARGS });
      // A failed launch must not be reused: the next print tries again.
      launching.catch(() => {
        if (browser === launching) browser = null;
      });
      browser = launching;
    }
    return browser;
  };

  const release = async () => {
    if (printing > 0) return;
    if (idleMs === 0) return shutdown();
    // unref: an idle browser never keeps the process alive on its own; close() or exit ends it.
    idleTimer = setTimeout(() => void shutdown(), idleMs);
    idleTimer.unref();
  };

  return {
    async print(html) {
      printing++;
      try {
        const running = await acquire();
        // The document is ours and self-contained: no scripts needed, and no request may leave the machine.
        const context = await running.newContext({ javaScriptEnabled: false, offline: true });
        try {
          const page = await context.newPage();
          await page.route('**/*', (route) => route.abort());
          await page.setContent(html, { waitUntil: 'load' });
          return await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
        } finally {
          await context.close();
        }
      } finally {
        printing--;
        await release();
      }
    },
    close: shutdown,
    warm() {
      if (browser) return;
      try {
        void acquire()
          .then(() => release())
          .catch(() => undefined);
      } catch {
        // No browser installed: the print itself will say so.
      }
    },
  };
}
