/**
 * Enrolment codes and devices. A code is issued for one county, works once within its validity and is
 * stored only as a hash; exchanging it creates a device with a random token, also stored only as a hash
 * (sha-256 is enough: both are high-entropy secrets, not passwords).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from '../../src-node/digest';
import { keyFingerprint, publicKeyOf } from '../../src-node/carried-crypto';
import type { Knex } from 'knex';

export const ENROL_CODE_VALIDITY_MS = 72 * 60 * 60 * 1000;
// Crockford's base32: no I, L, O, U, so a code read over the phone is typed right.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters, 60 random bits, printed as XXXX-XXXX-XXXX. */
export function newEnrolCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function normaliseEnrolCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export interface Device {
  id: string;
  countyCode: string;
  lastSeq: number | null;
}

interface DeviceRow {
  id: string;
  county_code: string;
  last_seq: number | null;
  revoked_at: string | null;
  label: string | null;
  created_at: string;
  last_seen_at: string | null;
}

export class DeviceRepository {
  constructor(private readonly db: Knex) {}

  async issueCode(countyCode: string, label: string | null, now = new Date()): Promise<{ code: string; expiresAt: string }> {
    const code = newEnrolCode();
    const expiresAt = new Date(now.getTime() + ENROL_CODE_VALIDITY_MS).toISOString();
    await this.db('enrol_codes').insert({
      code_hash: sha256Hex(normaliseEnrolCode(code)),
      county_code: countyCode,
      label,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    return { code, expiresAt };
  }

  /** Exchanges a code for a device and its token, in one transaction; null if the code is unknown, used or expired. */
  async enrol(
    code: string,
    client: { deviceId: string; label: string | null; ackedSeq: number | null; signingKey?: string },
    now = new Date(),
  ): Promise<{ token: string; deviceId: string; countyCode: string } | null> {
    const codeHash = sha256Hex(normaliseEnrolCode(code));
    return this.db.transaction(async (trx) => {
      // The conditional update claims the code: of two PCs using it at once, exactly one wins.
      const claimed = await trx('enrol_codes')
        .where({ code_hash: codeHash })
        .whereNull('used_at')
        .where('expires_at', '>', now.toISOString())
        .update({ used_at: now.toISOString() });
      if (claimed !== 1) return null;
      const row = await trx('enrol_codes').where({ code_hash: codeHash }).first<{ county_code: string; label: string | null }>('county_code', 'label');
      const token = randomBytes(32).toString('base64url');
      const deviceId = randomUUID();
      await trx('devices').insert({
        id: deviceId,
        county_code: row.county_code,
        token_hash: sha256Hex(token),
        client_device_id: client.deviceId,
        label: client.label ?? row.label,
        created_at: now.toISOString(),
        last_seq: client.ackedSeq,
        ...signingColumns(client.signingKey, now),
      });
      await trx('enrol_codes').where({ code_hash: codeHash }).update({ device_id: deviceId });
      return { token, deviceId, countyCode: row.county_code };
    });
  }

  /**
   * Registers a device's signing key when it has none (a PC enrolled before carried files v2). A device's key
   * is never replaced: a stolen token must not let its holder sign files as that PC; a PC that lost its key
   * enrols again. Answers the fingerprint of the key now registered, or 'conflict'.
   */
  async registerSigningKey(deviceId: string, publicKey: string, now = new Date()): Promise<{ keyId: string } | 'conflict' | 'invalid'> {
    if (!publicKeyOf(publicKey, 'ed25519')) return 'invalid';
    const keyId = keyFingerprint(publicKey);
    await this.db('devices').where({ id: deviceId }).whereNull('signing_key').update(signingColumns(publicKey, now));
    const row = await this.db('devices').where({ id: deviceId }).first<{ signing_key_id: string | null } | undefined>('signing_key_id');
    return row?.signing_key_id === keyId ? { keyId } : 'conflict';
  }

  /** The device as a carried file's check needs it (revoked devices included: the refusal names why). */
  async forCarriedFile(deviceId: string): Promise<{ id: string; countyCode: string; lastSeq: number | null; revoked: boolean; signingKey: string | null; signingKeyId: string | null } | null> {
    const row = await this.db('devices')
      .where({ id: deviceId })
      .first<(DeviceRow & { signing_key: string | null; signing_key_id: string | null }) | undefined>('id', 'county_code', 'last_seq', 'revoked_at', 'signing_key', 'signing_key_id');
    if (!row) return null;
    return { id: row.id, countyCode: row.county_code, lastSeq: row.last_seq === null ? null : Number(row.last_seq), revoked: row.revoked_at !== null, signingKey: row.signing_key, signingKeyId: row.signing_key_id };
  }

  async byToken(token: string): Promise<Device | null> {
    const row = await this.db('devices').where({ token_hash: sha256Hex(token) }).whereNull('revoked_at').first<DeviceRow | undefined>();
    return row ? { id: row.id, countyCode: row.county_code, lastSeq: row.last_seq } : null;
  }

  async revoke(deviceId: string, now = new Date()): Promise<boolean> {
    return (await this.db('devices').where({ id: deviceId }).whereNull('revoked_at').update({ revoked_at: now.toISOString() })) === 1;
  }

  async list(countyCode?: string): Promise<Array<{ id: string; countyCode: string; label: string | null; createdAt: string; lastSeenAt: string | null; revoked: boolean }>> {
    const query = this.db('devices').orderBy('created_at');
    if (countyCode) query.where({ county_code: countyCode });
    const rows = await query.select<DeviceRow[]>();
    return rows.map((r) => ({ id: r.id, countyCode: r.county_code, label: r.label, createdAt: r.created_at, lastSeenAt: r.last_seen_at, revoked: r.revoked_at !== null }));
  }
}

/** The columns of a registered signing key; nothing for a PC that sent none or a key that is not Ed25519. */
function signingColumns(publicKey: string | undefined, now: Date): Record<string, string> {
  if (!publicKey || !publicKeyOf(publicKey, 'ed25519')) return {};
  return { signing_key: publicKey, signing_key_id: keyFingerprint(publicKey), signing_key_at: now.toISOString() };
}
