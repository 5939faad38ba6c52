/**
 * Staff sessions: a token of 256 random bits, stored only as its sha-256, with the stage of the login
 * it stands for. A full session ends after the configured idle minutes without a request (the server
 * decides, from its own last-seen time; the UI only warns); a pending one (second factor, enrolment,
 * expired password) after PENDING_MS from its start, whatever is done with it. Each stage of a login
 * gets a new token: a token seen before the second factor opens nothing after it.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { sha256Hex } from '../../src-node/digest';
import type { SessionStage } from '../../src-shared/staff-login-api';
import { serverProvince } from '../settings/server-province';
import type { StaffRole, StaffUser } from './staff-scope';

/** A login's pending steps must be finished within this time. */
export const PENDING_MS = 5 * 60_000;

export interface UserRow {
  id: string;
  name: string;
  role: StaffRole;
  city_code: string | null;
  password_hash: string;
  disabled_at: string | null;
  password_changed_at: string | null;
  totp_secret: string | null;
  totp_pending: string | null;
  totp_last_step: number | string;
}

export interface LiveSession {
  tokenHash: string;
  stage: SessionStage;
  user: StaffUser;
  row: UserRow;
  createdAt: string;
}

export function toUser(row: UserRow, provinceCode: string): StaffUser {
  return { id: row.id, name: row.name, role: row.role, cityCode: row.city_code, provinceCode };
}

export async function openSession(trx: Knex | Knex.Transaction, userId: string, stage: SessionStage, at: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const iso = at.toISOString();
  await trx('staff_sessions').insert({ token_hash: sha256Hex(token), user_id: userId, stage, created_at: iso, last_used_at: iso });
  return token;
}

export async function endSession(db: Knex | Knex.Transaction, tokenHash: string, at: Date): Promise<void> {
  await db('staff_sessions').where({ token_hash: tokenHash }).whereNull('ended_at').update({ ended_at: at.toISOString() });
}

export async function endSessionsOf(db: Knex | Knex.Transaction, userId: string, at: Date): Promise<void> {
  await db('staff_sessions').where({ user_id: userId }).whereNull('ended_at').update({ ended_at: at.toISOString() });
}

/**
 * The live session of `token`, sliding a full session's idle limit; null (and the session ended) when
 * unknown, ended, idle too long, pending too long, or its account disabled.
 */
export async function findSession(db: Knex, token: string, now: Date, idleMs: number): Promise<LiveSession | null> {
  const tokenHash = sha256Hex(token);
  const found = (await db('staff_sessions as s')
    .join('staff_users as u', 'u.id', 's.user_id')
    .where('s.token_hash', tokenHash)
    .whereNull('s.ended_at')
    .whereNull('u.disabled_at')
    .first('u.*', 's.last_used_at', 's.created_at as session_created_at', 's.stage')) as (UserRow & { last_used_at: string; session_created_at: string; stage: SessionStage }) | undefined;
  if (!found) return null;
  const expired =
    found.stage === 'full' ? now.getTime() - Date.parse(found.last_used_at) > idleMs : now.getTime() - Date.parse(found.session_created_at) > PENDING_MS;
  if (expired) {
    await endSession(db, tokenHash, now);
    return null;
  }
  await db('staff_sessions').where({ token_hash: tokenHash }).update({ last_used_at: now.toISOString() });
  const province = await serverProvince(db);
  return { tokenHash, stage: found.stage, user: toUser(found, province.code), row: found, createdAt: found.session_created_at };
}
