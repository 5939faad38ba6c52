/**
 * The server's master key file: made 0600 at the first start, the same key at every later start, and
 * refused (the server does not start) when others can read it or when it is not a key. A sealed TOTP
 * secret opens only for the row it was sealed for and only under the key that sealed it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerKeyring, MASTER_KEY_FILE, secretsDirFor } from '../../src-server/secrets/server-keys';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-key-'));
  dirs.push(dir);
  return path.join(dir, 'secrets');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the server master key', () => {
  it.skipIf(process.platform === 'win32')('is made 0600 in a 0700 folder and read back the same', () => {
    const dir = tempDir();
    const first = loadServerKeyring(dir);
    expect(fs.statSync(path.join(dir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const sealed = first.seal('staff-totp-v1', 'JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(loadServerKeyring(dir).open('staff-totp-v1', sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('opens a sealed value for its own row only, and never under another key or purpose', () => {
    const keyring = loadServerKeyring(tempDir());
    const sealed = keyring.seal('staff-totp-v1', 'secret', 'user-1');
    expect(keyring.open('staff-totp-v1', sealed, 'user-2')).toBeNull();
    expect(keyring.open('staff-recovery-v1', sealed, 'user-1')).toBeNull();
    expect(loadServerKeyring(tempDir()).open('staff-totp-v1', sealed, 'user-1')).toBeNull();
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(keyring.open('staff-totp-v1', [v, iv, flipped.toString('base64url'), tag].join('.'), 'user-1')).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('is refused when other users can read it', () => {
    const dir = tempDir();
    loadServerKeyring(dir);
    fs.chmodSync(path.join(dir, MASTER_KEY_FILE), 0o644);
    expect(() => loadServerKeyring(dir)).toThrow(/readable by other users: chmod 600/);
  });

  it('is refused when the file is not a key', () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, MASTER_KEY_FILE), 'not a key\n', { mode: 0o600 });
    expect(() => loadServerKeyring(dir)).toThrow(/is not a server key/);
  });

  it('lives beside the SQLite file, or where SKILLS_DESK_SECRETS_DIR says (PostgreSQL needs it)', () => {
    expect(secretsDirFor('/srv/sd/server.sqlite', {})).toBe(path.join('/srv/sd', 'secrets'));
    expect(secretsDirFor('postgres://u@h/db', { SKILLS_DESK_SECRETS_DIR: '/etc/skills-desk' })).toBe(path.resolve('/etc/skills-desk'));
    expect(secretsDirFor('postgres://u@h/db', {})).toBe(path.resolve('skills-desk-secrets'));
  });
});
