/**
 * The store's data key (32 random bytes): made once with the store, never written in clear. `data_key_wraps` holds
 * it wrapped by each way this store may be opened: the host's secret box (the user-only key file in browser mode and
 * the CLI, Electron safeStorage in the window) and the recovery code shown once when it is made. A wrap travels in
 * the store and its backups; the key file and safeStorage stay on the PC, so a copied file opens only with the code.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { AppError } from '../../../src-shared/errors';
import { nowIso } from '../clock';
import { DATA_KEY_BYTES } from './personal-data';
import { newRecoveryCode, unwrapWithRecoveryCode, wrapWithRecoveryCode } from './recovery-code';
import type { SecretBox } from './secret-box';

export const RECOVERY_WRAP = 'recovery-code';

export const LOCKED_MESSAGE =
  '本机数据已加密，但用本机的密钥打不开（数据可能是从别的电脑、别的用户或别的程序版本复制来的）。请用建立数据时记下的恢复码打开：skills-desk recover --data 数据文件夹 --code 恢复码';
const WRONG_CODE = '恢复码不对，本机数据没有任何改动。请核对恢复码（32个字符，分8组）后再试。';

interface WrapRow {
  kind: string;
  wrapped: string;
}

export interface OpenedDataKey {
  key: Buffer;
  /** A code made just now with a new key: shown to the clerk once, stored nowhere in clear. */
  newRecoveryCode: string | null;
}

async function putWrap(db: Knex | Knex.Transaction, kind: string, wrapped: string): Promise<void> {
  await db('data_key_wraps').insert({ kind, wrapped, created_at: nowIso() }).onConflict('kind').merge();
}

function toKey(hex: string): Buffer | null {
  const key = Buffer.from(hex, 'hex');
  return key.length === DATA_KEY_BYTES ? key : null;
}

async function openWith(box: SecretBox, rows: WrapRow[]): Promise<Buffer | null> {
  const row = rows.find((r) => r.kind === box.kind);
  if (!row) return null;
  const hex = await box.open(row.wrapped).catch(() => null);
  return hex === null ? null : toKey(hex);
}

async function holdsSealedData(db: Knex): Promise<boolean> {
  return (await db('trainees').whereNotNull('id_hash').first('id')) !== undefined;
}

/**
 * The key, opened by the first of `boxes` (the host's primary box first) that has a wrap; wrapped for the primary box
 * when another opened it (the weaker key-file wrap is then dropped when the primary is stronger). A store without
 * any wrap and without sealed data gets a new key and a new recovery code. Refuses, changing nothing, a store whose
 * wraps none of the boxes opens.
 */
export async function openDataKey(db: Knex, boxes: readonly [SecretBox, ...SecretBox[]]): Promise<OpenedDataKey> {
  const [primary, ...others] = boxes;
  const rows = await db('data_key_wraps').select<WrapRow[]>('kind', 'wrapped');
  if (rows.length === 0) {
    if (await holdsSealedData(db)) throw new AppError('NOT_CONFIGURED', LOCKED_MESSAGE, { reason: 'DATA_KEY_LOCKED' });
    const key = randomBytes(DATA_KEY_BYTES);
    const code = newRecoveryCode();
    const recoveryWrap = await wrapWithRecoveryCode(key, code);
    const primaryWrap = await primary.seal(key.toString('hex'));
    await db.transaction(async (trx) => {
      await putWrap(trx, primary.kind, primaryWrap);
      await putWrap(trx, RECOVERY_WRAP, recoveryWrap);
    });
    return { key, newRecoveryCode: code };
  }
  const direct = await openWith(primary, rows);
  if (direct) return { key: direct, newRecoveryCode: null };
  for (const box of others) {
    const key = await openWith(box, rows);
    if (!key) continue;
    const wrapped = await primary.seal(key.toString('hex'));
    await db.transaction(async (trx) => {
      await putWrap(trx, primary.kind, wrapped);
      await trx('data_key_wraps').where({ kind: box.kind }).delete();
    });
    return { key, newRecoveryCode: null };
  }
  throw new AppError('NOT_CONFIGURED', LOCKED_MESSAGE, { reason: 'DATA_KEY_LOCKED' });
}

/** The key opened by the recovery code, or a clear refusal; nothing is written either way. */
export async function dataKeyFromRecoveryCode(db: Knex, code: string): Promise<Buffer> {
  const row = await db('data_key_wraps').where({ kind: RECOVERY_WRAP }).first<WrapRow | undefined>('kind', 'wrapped');
  if (!row) throw new AppError('NOT_CONFIGURED', '这份数据没有恢复码（不是加密保存的数据），无需恢复。', { reason: 'NO_RECOVERY_WRAP' });
  const key = await unwrapWithRecoveryCode(row.wrapped, code);
  if (!key || key.length !== DATA_KEY_BYTES) throw new AppError('VALIDATION', WRONG_CODE, { reason: 'RECOVERY_CODE_WRONG' });
  return key;
}

/** Wraps `key` for `box` (replacing that box's wrap): the store opens on this PC from now on. */
export async function wrapDataKeyFor(db: Knex, box: SecretBox, key: Buffer): Promise<void> {
  await putWrap(db, box.kind, await box.seal(key.toString('hex')));
}

/** A new recovery code for the key (the old code stops working): for a clerk who lost theirs. */
export async function renewRecoveryCode(db: Knex, key: Buffer): Promise<string> {
  const code = newRecoveryCode();
  await putWrap(db, RECOVERY_WRAP, await wrapWithRecoveryCode(key, code));
  return code;
}
