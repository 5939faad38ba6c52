/**
 * Session-wide refusals (checklist 5): the app needs no camera, location, notifications,
 * USB, serial or HID, so every permission request and check is denied, and the renderer
 * may not reach any origin but its own (defence in depth behind the CSP).
 */
import type { Session } from 'electron';
import { isAllowedRendererRequest } from './security';

export function applySessionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => {
    callback(false);
  });
  // Without a check handler Chromium answers synchronous checks (navigator.permissions,
  // clipboard, fullscreen) with its own defaults, which may grant.
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRendererRequest(details.url) });
  });
}
