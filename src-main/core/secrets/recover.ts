/**
 * Opening a store on a PC whose key file or safeStorage cannot open it (a reinstalled PC, a backup restored from
 * another PC): the clerk's recovery code opens the data key, which is checked against a sealed value of the store,
 * and only then wrapped for this PC's key file. A wrong code changes nothing.
 */
import type { Knex } from 'knex';
import { AppError } from '../../../src-shared/errors';
import { databaseFile, openDatabase } from '../db/connection';
import { dataKeyFromRecoveryCode, wrapDataKeyFor } from './data-key';
import { keyFileBox } from './key-file-box';
import { isSealedText, PersonalDataCipher } from './personal-data';

/** Throws unless `key` opens the store's sealed values (a recovery wrap copied from another store would not). */
async function checkKeyOpensStore(db: Knex, key: Buffer): Promise<void> {
  const row = await db('trainees').whereNotNull('id_hash').first<{ id_number: string } | undefined>('id_number');
  if (!row || !isSealedText(row.id_number)) return;
  try {
    new PersonalDataCipher(key).open(row.id_number);
  } catch {
    throw new AppError('VALIDATION', '恢复码能打开密钥，但打不开这份数据（数据可能被改动过）。本机数据没有任何改动。', { reason: 'RECOVERY_KEY_MISMATCH' });
  }
}

export async function recoverWithCode(dataDir: string, code: string): Promise<void> {
  const db = openDatabase(databaseFile(dataDir));
  try {
    if (!(await db.schema.hasTable('data_key_wraps'))) {
      throw new AppError('NOT_CONFIGURED', '这里没有加密保存的数据（数据文件夹为空，或是旧版本的数据），无需恢复。', { reason: 'NO_RECOVERY_WRAP' });
    }
    const key = await dataKeyFromRecoveryCode(db, code);
    await checkKeyOpensStore(db, key);
    await wrapDataKeyFor(db, keyFileBox(dataDir), key);
  } finally {
    await db.destroy();
  }
}
