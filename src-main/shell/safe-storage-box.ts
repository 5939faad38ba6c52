/**
 * The window's secret box: Electron safeStorage (DPAPI on Windows, the Keychain on macOS, libsecret/kwallet on
 * Linux). Where it is unavailable, or on Linux where it would fall back to `basic_text` (a hard-coded key,
 * no protection), null is returned and core uses the key-file box beside the store, with a warning logged.
 */
import { safeStorage } from 'electron';
import type { Logger } from '../../src-node/logger';
import type { SecretBox } from '../core/secrets/secret-box';

/** Call after app 'ready' (safeStorage is not initialised before). */
export async function safeStorageBox(logger: Logger): Promise<SecretBox | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    logger.error('secrets.safe_storage_unavailable', { fallback: 'key-file' });
    return null;
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    logger.error('secrets.safe_storage_basic_text', { fallback: 'key-file' });
    return null;
  }
  return {
    kind: 'electron-safe-storage',
    async seal(plaintext) {
      return (await safeStorage.encryptStringAsync(plaintext)).toString('base64');
    },
    async open(sealed) {
      // shouldReEncrypt (a rotated OS key) is not acted on: the next enrolment seals afresh.
      return (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result;
    },
  };
}
