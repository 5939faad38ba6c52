import type { Knex } from 'knex';

/** Keys of the local key-value settings table; values are stored as JSON. */
export type SettingKey =
  | 'countyCode'
  | 'currentOperatorId'
  | 'deviceId'
  | 'campaignStart'
  | 'campaignEnd'
  | 'contactPhone'
  | 'lastSyncAt'
  // Sync enrolment. The device token sits here in plain text until the packaging issue moves it to
  // Electron safeStorage; core code cannot import electron, so the shell will pass a sealer in.
  | 'serverUrl'
  | 'deviceToken'
  | 'serverDeviceId';

export class SettingsRepository {
  constructor(private readonly db: Knex) {}

  async get<T>(key: SettingKey, trx: Knex | Knex.Transaction = this.db): Promise<T | null> {
    const row = await trx('settings').where({ key }).first<{ value: string } | undefined>('value');
    return row ? (JSON.parse(row.value) as T) : null;
  }

  async set(key: SettingKey, value: unknown, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('settings')
      .insert({ key, value: JSON.stringify(value) })
      .onConflict('key')
      .merge();
  }
}
