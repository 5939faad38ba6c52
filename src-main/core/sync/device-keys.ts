/**
 * This PC's keys for carried files (issue #16). The Ed25519 signing pair is made at enrolment (or, for a PC
 * enrolled before, at its next sync), its private half sealed by the store's secret box like the device token
 * (Electron safeStorage in the window; the user-only key file device-secrets.key in browser mode and the CLI)
 * and never sent anywhere. The province's public keys arrive with enrolment and every sync; all are kept, so a
 * receipt signed before a rotation still verifies, and the newest encrypts.
 */
import type { Knex } from 'knex';
import { keyFingerprint, newKeyPair, type KeyPairDer } from '../../../src-node/carried-crypto';
import { provinceKeysSchema, type ProvincePublicKey } from '../../../src-shared/carried-file';
import { SettingsRepository } from '../db/repositories/settings-repository';
import type { SyncHttp } from './sync-http';
import { reportCodeKeyFrom } from '../../../src-node/report-code-mac';

/** Stores the short-report-code key the server sent (ignored when absent or malformed: an older server). */
export async function rememberReportCodeKey(trx: Knex | Knex.Transaction, owner: Knex, key: string | undefined): Promise<void> {
  if (reportCodeKeyFrom(key)) await new SettingsRepository(owner).set('reportCodeKey', key, trx);
}

/** This PC's short-report-code key, or null before the enrolment or sync that brings it. */
export async function reportCodeKey(db: Knex): Promise<Buffer | null> {
  return reportCodeKeyFrom(await new SettingsRepository(db).get<string>('reportCodeKey'));
}

/** A fresh pair, stored (sealed) in the same transaction as the enrolment it belongs to. */
export function newSigningKey(): KeyPairDer {
  return newKeyPair('ed25519');
}

export async function storeSigningKey(db: Knex, pair: KeyPairDer, trx: Knex | Knex.Transaction = db): Promise<void> {
  const settings = new SettingsRepository(db);
  await settings.set('signingKey', pair.privateKey, trx);
  await settings.set('signingPublicKey', pair.publicKey, trx);
}

/** The pair, or null before the first enrolment or sync that made it. */
export async function signingKey(db: Knex): Promise<KeyPairDer | null> {
  const settings = new SettingsRepository(db);
  const publicKey = await settings.get<string>('signingPublicKey');
  if (!publicKey) return null;
  const privateKey = await settings.get<string>('signingKey');
  return privateKey ? { publicKey, privateKey } : null;
}

export async function ensureSigningKey(db: Knex): Promise<KeyPairDer> {
  const existing = await signingKey(db);
  if (existing) return existing;
  const pair = newSigningKey();
  await db.transaction((trx) => storeSigningKey(db, pair, trx));
  return pair;
}

/** Known province keys, oldest first; the last one encrypts. A stored value that does not parse counts as none. */
export async function provinceKeys(db: Knex, trx: Knex | Knex.Transaction = db): Promise<ProvincePublicKey[]> {
  const parsed = provinceKeysSchema.safeParse(await new SettingsRepository(db).get('provinceKeys', trx));
  return parsed.success ? parsed.data : [];
}

/**
 * Adds the keys the server named to the ones already known (none is dropped: old receipts still verify).
 * `trx`: the transaction to read and write in (the store has one connection); `owner`: the store itself.
 */
export async function rememberProvinceKeys(trx: Knex | Knex.Transaction, owner: Knex, keys: readonly ProvincePublicKey[]): Promise<void> {
  if (keys.length === 0) return;
  const known = new Map((await provinceKeys(owner, trx)).map((k) => [k.keyId, k]));
  // A key id is its fingerprint: a key whose id does not recompute is not taken (nor may it replace one).
  for (const key of keys) {
    if (key.keyId === keyFingerprint(key.encryptPublicKey) && key.signKeyId === keyFingerprint(key.signPublicKey) && !known.has(key.keyId)) known.set(key.keyId, key);
  }
  const merged = [...known.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  await new SettingsRepository(owner).set('provinceKeys', merged, trx);
}

/** Settings key: when the server last confirmed this PC's signing key and sent the province keys (PC clock, ms). */
export const KEYS_EXCHANGED_AT = 'keysExchangedAt';
export const KEY_EXCHANGE_INTERVAL_MS = 24 * 60 * 60 * 1000;

export type KeyExchange = { kind: 'ok' } | { kind: 'skipped' } | { kind: 'warning'; message: string };

/**
 * At the start of a sync: registers this PC's signing key (made now if it has none) and takes the province's
 * keys. A server without the route (older) or a link that drops is not an error: the push finds out.
 */
export async function exchangeKeys(db: Knex, http: SyncHttp, now: number = Date.now()): Promise<KeyExchange> {
  // Weak links: one round trip fewer per sync. The exchange runs when this PC's key was never confirmed by
  // the server, or a day after the last confirmation (how late a rotated province key may arrive).
  const settings = new SettingsRepository(db);
  const lastAt = await settings.get<number>(KEYS_EXCHANGED_AT);
  const upToDate = typeof lastAt === 'number' && Math.abs(now - lastAt) < KEY_EXCHANGE_INTERVAL_MS;
  // A PC enrolled before short codes has no report-code key: the exchange brings it on the next sync (unless
  // the server answered the last exchange without one: an older server, asked again a day later).
  const codeKeySettled = (await settings.has('reportCodeKey')) || (await settings.has('reportCodeKeyUnoffered'));
  if (upToDate && (await signingKey(db)) && codeKeySettled) return { kind: 'skipped' };
  const pair = await ensureSigningKey(db);
  const answer = await http.keys(pair.publicKey);
  if (answer.kind === 'retry') return { kind: 'skipped' };
  if (answer.kind === 'refused') {
    if (answer.code === 'SIGNING_KEY_MISMATCH') return { kind: 'warning', message: answer.message };
    return { kind: 'skipped' };
  }
  if (answer.data.signingKeyId !== keyFingerprint(pair.publicKey)) return { kind: 'warning', message: '省服务器登记的本机签名密钥与本机不一致，U盘文件将无法导入。请向省级管理员申请新的登记码重新登记' };
  await db.transaction(async (trx) => {
    await rememberProvinceKeys(trx, db, answer.data.provinceKeys);
    await rememberReportCodeKey(trx, db, answer.data.reportCodeKey);
    await settings.set('reportCodeKeyUnoffered', reportCodeKeyFrom(answer.data.reportCodeKey) ? null : true, trx);
    await settings.set(KEYS_EXCHANGED_AT, now, trx);
  });
  return { kind: 'ok' };
}
