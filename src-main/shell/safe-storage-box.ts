/**
 * The window's secret box: Electron safeStorage (DPAPI on Windows, the Keychain on macOS, libsecret/kwallet on
 * Linux). It wraps the store's data key (the ID numbers and phones) and the device token. Where it is unavailable,
 * or on Linux where it would fall back to `basic_text` (a hard-coded key, no protection), the key file beside the
 * store is used instead, but only once the clerk has confirmed a warning that says so: the confirmation is kept as a
 * marker file in the data folder, so they are asked once per PC, not at every start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dialog, safeStorage } from 'electron';
import type { Logger } from '../../src-node/logger';
import { createPrivateFile } from '../core/private-files';
import type { SecretBox } from '../core/secrets/secret-box';

export const FALLBACK_CONFIRMED_FILE = 'key-file-fallback-confirmed';

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

/**
 * Whether the window may go on with the key file instead of safeStorage: asks the clerk the first time (and
 * remembers a yes in the data folder); false means quit without opening the store.
 */
export async function confirmKeyFileFallback(dataDir: string, logger: Logger): Promise<boolean> {
  const marker = path.join(dataDir, FALLBACK_CONFIRMED_FILE);
  if (fs.existsSync(marker)) return true;
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: '本机没有安全的密钥存储',
    message: '这台电脑的系统没有提供安全的密钥存储（如 Linux 的系统钥匙串未启用）。',
    detail:
      '本机的身份证号、手机号将用数据文件夹中的密钥文件加密：复制走的数据文件打不开，但能登录这台电脑这个账户的人可以读取。' +
      '建议先启用系统钥匙串（GNOME 密钥环或 KWallet）。仍要继续使用吗？',
    buttons: ['继续使用', '退出'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  if (response !== 0) return false;
  fs.mkdirSync(dataDir, { recursive: true });
  createPrivateFile(marker);
  logger.info('secrets.key_file_fallback_confirmed');
  return true;
}
