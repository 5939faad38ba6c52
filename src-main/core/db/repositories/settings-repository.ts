import type { Knex } from 'knex';

/** Keys of the local key-value settings table; values are stored as JSON. */
export type SettingKey =
  | 'countyCode'
  | 'currentOperatorId'
  | 'deviceId'
  | 'campaignStart'
  | 'campaignEnd'
  | 'contactPhone'
  | 'lastSyncAt';

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
