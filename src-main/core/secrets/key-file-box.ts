/**
 * The secret box of browser mode and the CLI (and of the window where safeStorage is unavailable): AES-256-GCM
 * with a random key kept in a file beside the store, readable only by the user (0600 in the 0700 data folder).
 * It protects the token in a copied store or backup (the key is not in them), not against the same user, who
 * can read the key file as the app does.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeFilePrivate, PRIVATE_FILE_MODE } from '../private-files';
import type { SecretBox } from './secret-box';

export const KEY_FILE = 'device-secrets.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Binds a sealed value to its use: a ciphertext from elsewhere does not open here.
const AAD = Buffer.from('skills-desk secret v1', 'utf8');

function readKey(file: string): Buffer {
  const key = fs.readFileSync(file);
  if (key.length !== KEY_BYTES) throw new Error('The key file has the wrong length');
  makeFilePrivate(file);
  return key;
}

/** The key, created on first use; `create` false: a missing key file is an error (nothing sealed with it yet). */
function loadKey(file: string, create: boolean): Buffer {
  if (fs.existsSync(file) || !create) return readKey(file);
  try {
    fs.writeFileSync(file, randomBytes(KEY_BYTES), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    // Another process of ours (CLI and window on one folder) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readKey(file);
}

export function keyFileBox(dataDir: string): SecretBox {
  const file = path.join(dataDir, KEY_FILE);
  return {
    kind: 'key-file-aes-256-gcm',
    async seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', loadKey(file, true), iv);
      cipher.setAAD(AAD);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async open(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('Sealed value too short');
      const decipher = createDecipheriv('aes-256-gcm', loadKey(file, false), bytes.subarray(0, IV_BYTES));
      decipher.setAAD(AAD);
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
