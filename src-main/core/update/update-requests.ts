/**
 * Which requests electron-updater may make. It follows redirects by itself (up to 10, each re-checked by nobody),
 * so a server or a network that answers the feed with a 30x could send the PC to fetch the channel file, and so
 * the installer's expected sha512, from anywhere. The shell cancels every request of the updater's session whose
 * URL is not under the feed of the server this PC is enrolled with (same origin, under its /updates/ path) and
 * does not pass the https-only rule; a redirect elsewhere therefore fails as a download error.
 */
import { normaliseServerUrl } from '../../../src-shared/domain/server-url';

export function isAllowedUpdateRequest(requestUrl: string, feedUrl: string | null): boolean {
  if (!feedUrl) return false;
  let request: URL;
  let feed: URL;
  try {
    request = new URL(requestUrl);
    feed = new URL(feedUrl);
  } catch {
    return false;
  }
  if (!normaliseServerUrl(request.origin).ok) return false;
  if (request.origin !== feed.origin || request.username || request.password) return false;
  return request.pathname.startsWith(feed.pathname.endsWith('/') ? feed.pathname : `${feed.pathname}/`);
}
