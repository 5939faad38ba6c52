/**
 * Pure security rules for the Electron shell: window preferences, the content security
 * policy, and the URL and path checks. Nothing here touches Electron at run time (the
 * only electron import is type-only), so every rule is unit-tested in plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'skills-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const INDEX_FILE = 'index.html';

/**
 * Electron security checklist items 2-4, 8-10 as explicit values, even where they are
 * already Electron's defaults, so a future default change or a careless edit shows up in
 * review and in the unit test. `enableBlinkFeatures` is deliberately absent (checklist 9).
 * DevTools stay off unless the caller asks (development builds only).
 */
export function secureWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    // Middle-click (auxclick) could open a link in a new window, around will-navigate.
    disableBlinkFeatures: 'Auxclick',
    devTools: options.devTools ?? false,
  };
}

const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // Ant Design (CSS-in-JS) injects <style> elements at run time, so inline styles must be
  // allowed; scripts stay strictly 'self', which is what protects against injection.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Sent as a response header by the app:// handler, so it covers every document we serve. */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for URLs inside our own origin. Node's URL treats app: as a non-special scheme and
 * keeps the host as written; Chromium hands us canonical (lower-case) URLs, so an exact
 * comparison is both correct and strict.
 */
export function isOwnAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

const DNS_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// At least two labels: single-label hosts (localhost, intranet names) are not links a
// clerk should be sent to from this app.
const HOSTNAME_PATTERN = new RegExp(`^(?=.{1,253}$)${DNS_LABEL}(?:\\.${DNS_LABEL})+$`);
const MAX_EXTERNAL_URL_LENGTH = 2048;
// Whitespace and control characters are silently dropped by the URL parser, and
// backslashes are read as slashes: all three make the parsed URL differ from the text.
const AMBIGUOUS_CHARACTERS = /[\s\u0000-\u001f\u007f\\]/;

/**
 * Gate for shell.openExternal (checklist 15): only plain https links with a DNS host.
 * The raw text is checked too (canonical "https://" prefix, no ambiguous characters) so
 * that the OS handler receives exactly what the parser approved.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL_LENGTH || !url.startsWith('https://') || AMBIGUOUS_CHARACTERS.test(url)) {
    return false;
  }
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    HOSTNAME_PATTERN.test(parsed.hostname)
  );
}

/**
 * Which requests the renderer's session may make at all. Our own scheme, in-memory data
 * and blob URLs, and the DevTools front end (development only); everything else, including
 * http(s) and file:, is cancelled. Sync runs in main over Node's own networking, which
 * does not pass through the session.
 */
export function isAllowedRendererRequest(url: string): boolean {
  if (isOwnAppUrl(url)) return true;
  const parsed = parseUrl(url);
  return parsed !== null && ['data:', 'blob:', 'devtools:'].includes(parsed.protocol);
}

// Markers of traversal or ambiguity in the raw request URL: dot segments (plain or
// percent-encoded), backslashes, encoded slashes and NUL. Chromium normally resolves dot
// segments before the handler runs; checking the raw string keeps us safe if it does not.
const RAW_TRAVERSAL = [/(^|\/)\.\.?(\/|$|[?#])/, /%2e/i, /\\/, /%5c/i, /%2f/i, /%00/];

function appUrlSegments(requestUrl: string): string[] | null {
  const parsed = parseUrl(requestUrl);
  if (parsed === null || !isOwnAppUrl(requestUrl) || parsed.port !== '') return null;
  // The raw text must start with the canonical origin so the slice below is its path.
  if (requestUrl !== APP_ORIGIN && !requestUrl.startsWith(`${APP_ORIGIN}/`)) return null;
  const rawPath = requestUrl.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '';
  if (RAW_TRAVERSAL.some((pattern) => pattern.test(rawPath))) return null;
  const segments = parsed.pathname.split('/').slice(1);
  // A trailing slash is a route; an empty segment anywhere else ("//etc") smells of an
  // absolute path and is refused.
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  const decoded: string[] = [];
  for (const segment of segments) {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return null;
    }
    // ':' would allow Windows drive letters and alternate data streams.
    if (value === '' || value === '.' || value === '..' || /[/\\:\u0000]/.test(value)) return null;
    decoded.push(value);
  }
  return decoded;
}

function isInside(rootDir: string, candidate: string): boolean {
  const relative = path.relative(rootDir, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function statOrNull(filePath: string): fs.Stats | null {
  try {
    return fs.statSync(filePath);
  } catch {
    return null;
  }
}

/**
 * Maps `app://skills-desk/<path>` to a file under rootDir, or null (the handler answers
 * 404). Unknown paths without a file extension are client-side routes and get index.html;
 * unknown paths with an extension are missing assets and get null, so a broken build
 * fails loudly instead of serving HTML as JavaScript. Symbolic links are resolved and must
 * still land inside rootDir.
 */
export function resolveAppAssetPath(rootDir: string, requestUrl: string): string | null {
  const segments = appUrlSegments(requestUrl);
  if (segments === null) return null;
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(rootDir);
  } catch {
    return null;
  }
  const indexPath = path.join(realRoot, INDEX_FILE);
  if (segments.length === 0) return statOrNull(indexPath)?.isFile() ? indexPath : null;

  const candidate = path.join(realRoot, ...segments);
  if (!isInside(realRoot, candidate)) return null;
  if (statOrNull(candidate)?.isFile()) {
    const realCandidate = fs.realpathSync(candidate);
    return isInside(realRoot, realCandidate) ? realCandidate : null;
  }
  const lastSegment = segments[segments.length - 1] ?? '';
  const looksLikeFile = lastSegment.includes('.');
  return !looksLikeFile && statOrNull(indexPath)?.isFile() ? indexPath : null;
}
