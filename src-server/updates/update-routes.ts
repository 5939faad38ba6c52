/**
 * Serves published updates to electron-updater: plain GETs with byte ranges (it resumes and
 * downloads differentially with Range requests), the right content types, and channel files that
 * are never cached (a county PC must see a new version as soon as it is published).
 */
import fs from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { UPDATE_ROUTE_PREFIX } from './update-folder';

const CONTENT_TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.exe': 'application/octet-stream',
  '.AppImage': 'application/octet-stream',
  '.deb': 'application/vnd.debian.binary-package',
  '.blockmap': 'application/octet-stream',
};

export async function updateRoutes(app: FastifyInstance, updateFolder: string): Promise<void> {
  fs.mkdirSync(updateFolder, { recursive: true });
  await app.register(fastifyStatic, {
    root: updateFolder,
    prefix: UPDATE_ROUTE_PREFIX,
    decorateReply: false,
    acceptRanges: true,
    // Our own cache-control below: channel files must never be cached, installers forever.
    cacheControl: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    setHeaders(response, filePath) {
      const extension = Object.keys(CONTENT_TYPES).find((ext) => filePath.endsWith(ext));
      if (extension) response.setHeader('content-type', CONTENT_TYPES[extension]!);
      response.setHeader('cache-control', filePath.endsWith('.yml') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}
