/**
 * Serves the staff web UI (src-renderer/staff, built to dist/staff) under /staff/, with a CSP header
 * on every file: scripts only from here, styles inline too (Ant Design injects them at run time),
 * API calls only to this origin, never framed. `/` and `/staff` lead there. When the UI was not built
 * the address says so instead of answering a bare 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const STAFF_UI_PREFIX = '/staff/';

/** The staff UI's Content Security Policy; the print preview is a `srcdoc` frame, which inherits it. */
export const STAFF_UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export async function staffUiRoutes(app: FastifyInstance, uiDir: string): Promise<void> {
  app.get('/', async (_request, reply) => reply.redirect(STAFF_UI_PREFIX));
  app.get('/staff', async (_request, reply) => reply.redirect(STAFF_UI_PREFIX));
  if (!fs.existsSync(path.join(uiDir, 'index.html'))) {
    app.get(`${STAFF_UI_PREFIX}*`, async (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('省市工作台的界面文件缺失：请先运行 npm run build（Staff UI not built: run npm run build).'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: uiDir,
    prefix: STAFF_UI_PREFIX,
    decorateReply: false,
    index: ['index.html'],
    list: false,
    dotfiles: 'deny',
    // Vite names assets by content hash: they may be cached for good; the page itself must be revalidated.
    cacheControl: false,
    setHeaders(response, filePath) {
      response.setHeader('content-security-policy', STAFF_UI_CSP);
      response.setHeader('x-content-type-options', 'nosniff');
      response.setHeader('referrer-policy', 'no-referrer');
      response.setHeader('cache-control', filePath.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}
