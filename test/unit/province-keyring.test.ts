/** The province keyring (issue #16): 0600 files in the secrets folder, rotation keeps old keys decrypting, a damaged key file stops the server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../src-node/carried-crypto';
import { keyFolderFor, ProvinceKeyring } from '../../src-server/keys/province-keyring';

const folder = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-ring-')), 'province-keys');

describe('province keyring', () => {
  it('lives in the server secrets folder', () => {
    expect(keyFolderFor('/srv/sd/server.sqlite', {})).toBe(path.join('/srv/sd/secrets', 'province-keys'));
    expect(keyFolderFor('postgres://x/y', { SKILLS_DESK_SECRETS_DIR: '/etc/sd' })).toBe(path.join('/etc/sd', 'province-keys'));
  });

  it('rotates: the newest encrypts and signs, every older key still decrypts, ids are fingerprints, files are 0600', () => {
    const dir = folder();
    const ring = ProvinceKeyring.open(dir, { create: true });
    const first = ring.publicKeys()[0]!;
    const second = ring.rotate(new Date(Date.now() + 1000));
    const reopened = ProvinceKeyring.open(dir);
    expect(reopened.publicKeys().map((k) => k.keyId)).toEqual([first.keyId, second.keyId]);
    expect(reopened.encryptionPair(first.keyId)).not.toBeNull();
    expect(reopened.encryptionPair('0'.repeat(32))).toBeNull();
    expect(reopened.signer().signKeyId).toBe(second.signKeyId);
    expect(keyFingerprint(second.encryptPublicKey)).toBe(second.keyId);
    for (const name of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses to start on a damaged key file', () => {
    const dir = folder();
    ProvinceKeyring.open(dir, { create: true });
    const file = path.join(dir, fs.readdirSync(dir)[0]!);
    const generation = JSON.parse(fs.readFileSync(file, 'utf8')) as { keyId: string };
    fs.writeFileSync(file, JSON.stringify({ ...generation, keyId: 'f'.repeat(32) }));
    expect(() => ProvinceKeyring.open(dir)).toThrow(/damaged/);
  });
});
