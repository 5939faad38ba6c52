/**
 * Serves the built renderer from `app://skills-desk/` (checklist 18: a custom protocol
 * instead of file://, so the page has a real origin, file:// stays unreachable and every
 * response carries our CSP). Files are read with fs and typed from an explicit list,
 * because `nosniff` makes a wrong MIME type fatal for module scripts.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { serveTransfer, type DesktopTransfers } from './app-transfers';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppAssetPath } from './security';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function securityHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** The whole handler minus the Electron registration, so tests can call it directly. */
export async function serveAppRequest(rootDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method Not Allowed');
  const filePath = resolveAppAssetPath(rootDir, request.url);
  if (filePath === null) return plainResponse(404, 'Not Found');
  let body: Buffer;
  try {
    body = await fs.readFile(filePath);
  } catch {
    return plainResponse(404, 'Not Found');
  }
  const headers = securityHeaders(contentTypeFor(filePath));
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/**
 * Must run before `app` is ready, exactly once. `standard` gives the scheme a real origin
 * and relative URL resolution, `secure` makes it a secure context, `supportFetchAPI` lets
 * the page fetch its own assets. `corsEnabled` stays off: that keeps our files unreadable
 * from any other origin. No `bypassCSP`: our own CSP must apply.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/**
 * Call after `app` is ready; handles the default session, which the main window uses. File
 * transfers (imports, exports) are answered first when a file store is given.
 */
export function handleAppProtocol(rendererDir: string, transfers?: DesktopTransfers): void {
  protocol.handle(APP_SCHEME, async (request) => (transfers ? await serveTransfer(transfers, request) : null) ?? serveAppRequest(rendererDir, request));
}
