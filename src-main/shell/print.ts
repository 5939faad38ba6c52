/**
 * PDFs in the desktop app: Electron's own Chromium prints the table's HTML (webContents.printToPDF), so the window
 * needs no installed browser. Same document and page settings as the headless printer (src-node/print/pdf.ts). The
 * document is loaded in a hidden, sandboxed window of its own in-memory session, with JavaScript off: it is our
 * HTML, but it carries names typed by clerks.
 */
import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../../src-node/print/pdf';

export function electronPdfPrinter(): PdfPrinter {
  return {
    async print(html) {
      const window = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, disableBlinkFeatures: 'Auxclick', partition: 'skills-desk-print' },
      });
      try {
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        return await window.webContents.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        window.destroy();
      }
    },
    async close() {},
  };
}
