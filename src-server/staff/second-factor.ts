/**
 * The second factor of a staff login (GB/T 22239 level 3: two kinds of proof): TOTP (RFC 6238,
 * `otpauth`: SHA-1, 6 digits, 30 s, what every authenticator app reads from a QR code), and ten
 * one-time recovery codes for a lost phone.
 *
 * - The TOTP secret is stored sealed (AES-256-GCM under the server key's TOTP subkey, bound to the
 *   user id): a copy of the database alone cannot compute anyone's codes.
 * - A code is accepted for the current step or one step either side (a phone a little fast or slow),
 *   and only for a step later than the last one accepted: the same code, or an older one, is refused
 *   however fast it is replayed. The step is taken by one conditional UPDATE, so two requests with the
 *   same code cannot both win.
 * - Recovery codes are 10 random characters (50 bits) shown once, stored as HMACs under the server
 *   key's recovery subkey; each is spent by a conditional UPDATE of its own row, so it works once.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { Secret, TOTP } from 'otpauth';
import { RECOVERY_CODE_COUNT } from '../../src-shared/staff-login-api';
import type { ServerKeyring } from '../secrets/server-keys';

export const TOTP_ISSUER = '技能培训调度';
export const TOTP_PERIOD_S = 30;
export const TOTP_WINDOW = 1;
const SECRET_BYTES = 20;

/** Crockford-like alphabet without 0/O, 1/I/L: codes read aloud or copied from paper stay unambiguous. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function totpOf(secretBase32: string, account: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label: account, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_S });
}

export function newTotpSecret(): string {
  return new Secret({ buffer: new Uint8Array(randomBytes(SECRET_BYTES)).buffer }).base32;
}

export function totpUri(secretBase32: string, account: string): string {
  return totpOf(secretBase32, account).toString();
}

/** The time step a code matches (current ±1), or null. Six digits only; spaces a user typed are ignored. */
export function matchingStep(secretBase32: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpOf(secretBase32, 'x');
  const delta = totp.validate({ token, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totp.counter({ timestamp: at.getTime() }) + delta;
}

/** Takes `step` for the user if it is later than the last one taken; false for a replay (or a race lost). */
export async function takeStep(db: Knex | Knex.Transaction, userId: string, step: number): Promise<boolean> {
  return (await db('staff_users').where({ id: userId }).andWhere('totp_last_step', '<', step).update({ totp_last_step: step })) === 1;
}

export function sealSecret(keyring: ServerKeyring, userId: string, secretBase32: string): string {
  return keyring.seal('staff-totp-v1', secretBase32, `staff-user:${userId}`);
}

export function openSecret(keyring: ServerKeyring, userId: string, sealed: string | null): string | null {
  return sealed ? keyring.open('staff-totp-v1', sealed, `staff-user:${userId}`) : null;
}

/** What a user may type for a recovery code: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return normaliseRecoveryCode(code).length === 10 && [...normaliseRecoveryCode(code)].every((c) => RECOVERY_ALPHABET.includes(c));
}

function recoveryMac(keyring: ServerKeyring, userId: string, code: string): string {
  return keyring.mac('staff-recovery-v1', `${userId}:${normaliseRecoveryCode(code)}`);
}

/** New recovery codes (`ABCDE-FGHJK`), replacing the user's old ones; the plain codes are answered once and not kept. */
export async function issueRecoveryCodes(trx: Knex.Transaction, keyring: ServerKeyring, userId: string, at: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await trx('staff_recovery_codes').where({ user_id: userId }).delete();
  await trx('staff_recovery_codes').insert(codes.map((code) => ({ code_mac: recoveryMac(keyring, userId, code), user_id: userId, created_at: at.toISOString(), used_at: null })));
  return codes;
}

/** Spends a recovery code: true the first time, false for an unknown or spent one. */
export async function spendRecoveryCode(db: Knex | Knex.Transaction, keyring: ServerKeyring, userId: string, code: string, at: Date): Promise<boolean> {
  if (!looksLikeRecoveryCode(code)) return false;
  const updated = await db('staff_recovery_codes').where({ code_mac: recoveryMac(keyring, userId, code), user_id: userId }).whereNull('used_at').update({ used_at: at.toISOString() });
  return updated === 1;
}

export async function recoveryCodesLeft(db: Knex, userId: string): Promise<number> {
  const row = (await db('staff_recovery_codes').where({ user_id: userId }).whereNull('used_at').count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
