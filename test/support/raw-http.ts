/**
 * HTTP requests exactly as written: the path and the Host header go on the wire unchanged (fetch and
 * undici normalise `/%72pc/../x` and set Host themselves), for tests of what a hostile client can send.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  port: number;
  /** The address to connect to (default 127.0.0.1); the Host header is separate. */
  address?: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Stop reading after the headers (for streams that never end, such as /events). */
  headersOnly?: boolean;
}

export function rawRequest(request: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { host: `127.0.0.1:${request.port}`, ...request.headers };
    const outgoing = http.request(
      { host: request.address ?? '127.0.0.1', port: request.port, method: request.method ?? 'GET', path: request.path, headers, setHost: false, agent: false },
      (response) => {
        if (request.headersOnly) {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' });
          response.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** A renderer folder with an index.html, so that the host serves static files as it does after a build. */
export function tempRendererDir(): { dir: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-renderer-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Skills Desk</title>');
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
