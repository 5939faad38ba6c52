/**
 * Run when a store opens, before anything else reads it: a secret still in plain text (a store of a version
 * before secrets were sealed) is sealed in place, and one sealed by a fallback box is resealed by the primary
 * one. After sealing a plaintext secret the file is rebuilt (VACUUM) and the WAL truncated, so the old bytes
 * are left neither in free pages nor in old WAL frames. The copies an older version left in backups/ (made
 * before each migration and restore) are sealed the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { openStagingDatabase } from '../db/connection';
import { SECRET_SETTING_KEYS } from '../db/repositories/settings-repository';
import { isSealedValue, secretKeyringOf, type SecretKeyring } from './secret-box';

/** Seals plaintext secrets in one store copy in backups/; a copy that cannot be read is left as it is. */
async function sealCopy(file: string, keyring: SecretKeyring): Promise<boolean> {
  const db = openStagingDatabase(file);
  try {
    if (!(await db.schema.hasTable('settings'))) return false;
    const rows = await db('settings').whereIn('key', SECRET_SETTING_KEYS).select<Array<{ key: string; value: string }>>('key', 'value');
    const plain = rows.filter((r) => {
      const value: unknown = JSON.parse(r.value);
      return value !== null && !isSealedValue(value);
    });
    for (const row of plain) await db('settings').where({ key: row.key }).update({ value: JSON.stringify(await keyring.seal(row.value)) });
    if (plain.length > 0) await db.raw('VACUUM');
    return plain.length > 0;
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
}

/** The copies in `backupDir` (before-migration-*, before-restore-*), with the WAL a restore copy may have beside it. */
export async function sealSecretsInCopies(backupDir: string, keyring: SecretKeyring): Promise<number> {
  if (!fs.existsSync(backupDir)) return 0;
  let sealed = 0;
  for (const name of fs.readdirSync(backupDir).filter((f) => f.endsWith('.sqlite'))) {
    if (await sealCopy(path.join(backupDir, name), keyring)) sealed++;
  }
  return sealed;
}

export async function sealStoredSecrets(db: Knex, backupDir: string): Promise<{ sealed: number; resealed: number; copies: number }> {
  const outcome = { sealed: 0, resealed: 0, copies: 0 };
  if (!(await db.schema.hasTable('settings'))) return outcome;
  const keyring = secretKeyringOf(db);
  const rows = await db('settings').whereIn('key', SECRET_SETTING_KEYS).select<Array<{ key: string; value: string }>>('key', 'value');
  for (const row of rows) {
    const value: unknown = JSON.parse(row.value);
    if (value === null) continue;
    let plaintext: string;
    if (isSealedValue(value)) {
      if (value.sealed === keyring.primary.kind) continue;
      // Sealed by a box this host cannot open (the window's, read by the CLI): left for that host.
      const opened = await keyring.open(value).catch(() => null);
      if (opened === null) continue;
      plaintext = opened;
      outcome.resealed++;
    } else {
      plaintext = JSON.stringify(value);
      outcome.sealed++;
    }
    await db('settings').where({ key: row.key }).update({ value: JSON.stringify(await keyring.seal(plaintext)) });
  }
  if (outcome.sealed > 0) {
    await db.raw('VACUUM');
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    // This version never writes a plaintext secret, so only a store that had one can have such copies.
    outcome.copies = await sealSecretsInCopies(backupDir, keyring);
  }
  return outcome;
}
