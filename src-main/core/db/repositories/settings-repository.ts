import type { Knex } from 'knex';
import { isSealedValue, secretKeyringOf } from '../../secrets/secret-box';

/** Keys of the local key-value settings table; values are stored as JSON. */
export type SettingKey =
  | 'countyCode'
  | 'currentOperatorId'
  | 'deviceId'
  | 'campaignStart'
  | 'campaignEnd'
  | 'contactPhone'
  | 'tableReviewer'
  | 'lastSyncAt'
  // Sync enrolment.
  | 'serverUrl'
  | 'deviceToken'
  | 'serverDeviceId'
  // Carried files (issue #16): this PC's Ed25519 pair (the private half sealed) and the province's public keys.
  | 'signingKey'
  | 'signingPublicKey'
  | 'provinceKeys'
  // When the server last confirmed the signing key and sent the province keys (the daily key exchange).
  | 'keysExchangedAt'
  // The short report code (issue #16): this PC's MAC key, from the enrolment or the key exchange answer (sealed).
  | 'reportCodeKey'
  // Set when the last key exchange's server offered no such key (older): the daily interval applies, not every sync.
  | 'reportCodeKeyUnoffered'
  // The operator lock (issue #19 item 3): minutes idle before the screen locks, and the PIN rule.
  | 'idleLockMinutes'
  | 'pinPolicy';

/**
 * Settings sealed at rest by the store's secret box (core/secrets) and left out of every backup: whoever holds
 * the store file or a backup must not be able to sync as this PC.
 */
export const SECRET_SETTING_KEYS: readonly SettingKey[] = ['deviceToken', 'signingKey', 'reportCodeKey'];

/**
 * Who this PC is and whom it syncs with. A restore keeps the current store's values and never takes the
 * backup's: a crafted file must not point the PC at another server, nor bring another PC's identity.
 */
export const PC_IDENTITY_KEYS: readonly SettingKey[] = ['deviceId', 'serverUrl', 'deviceToken', 'serverDeviceId', 'signingKey', 'signingPublicKey', 'provinceKeys', 'keysExchangedAt', 'reportCodeKey', 'reportCodeKeyUnoffered'];

const SECRET = new Set<string>(SECRET_SETTING_KEYS);

export class SettingsRepository {
  constructor(private readonly db: Knex) {}

  async get<T>(key: SettingKey, trx: Knex | Knex.Transaction = this.db): Promise<T | null> {
    const row = await trx('settings').where({ key }).first<{ value: string } | undefined>('value');
    if (!row) return null;
    const value: unknown = JSON.parse(row.value);
    // A plaintext secret is an old store's, sealed when the store is opened (sealStoredSecrets).
    if (SECRET.has(key) && isSealedValue(value)) return JSON.parse(await secretKeyringOf(this.db).open(value)) as T;
    return value as T;
  }

  /** Whether a setting has a value, without opening a sealed one (the status page, on a host without its box). */
  async has(key: SettingKey, trx: Knex | Knex.Transaction = this.db): Promise<boolean> {
    const row = await trx('settings').where({ key }).first<{ value: string } | undefined>('value');
    return row !== undefined && row.value !== 'null';
  }

  async set(key: SettingKey, value: unknown, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    const stored = SECRET.has(key) && value !== null && value !== undefined ? await secretKeyringOf(this.db).seal(JSON.stringify(value)) : value;
    await trx('settings')
      .insert({ key, value: JSON.stringify(stored) })
      .onConflict('key')
      .merge();
  }
}
