/**
 * import_value_choices: the county's remembered decisions for values that match no list entry (one row per field
 * and loosely compared value). Local to this PC's store, which holds one county: they are not synced.
 */
import type { Knex } from 'knex';
import type { ValueField } from '../../../../src-shared/schemas/import';

export interface StoredChoice {
  field: ValueField;
  valueKey: string;
  value: string;
  action: 'map' | 'empty';
  target: string | null;
  updatedAt: string;
}

interface ChoiceRow {
  field: ValueField;
  value_key: string;
  value: string;
  action: 'map' | 'empty';
  target: string | null;
  updated_at: string;
  updated_by: string | null;
}

export class ValueChoiceRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async list(): Promise<StoredChoice[]> {
    const rows = await this.db('import_value_choices').orderBy(['field', 'value']).select<ChoiceRow[]>('*');
    return rows.map((r) => ({ field: r.field, valueKey: r.value_key, value: r.value, action: r.action, target: r.target, updatedAt: r.updated_at }));
  }

  /** Insert or replace, in batches well under SQLite's bound-variable limit. */
  async save(choices: ReadonlyArray<Omit<StoredChoice, 'updatedAt'>>, at: string, operatorId: string | null): Promise<void> {
    const rows: ChoiceRow[] = choices.map((c) => ({ field: c.field, value_key: c.valueKey, value: c.value, action: c.action, target: c.target, updated_at: at, updated_by: operatorId }));
    for (let start = 0; start < rows.length; start += 100) {
      await this.db('import_value_choices').insert(rows.slice(start, start + 100)).onConflict(['field', 'value_key']).merge();
    }
  }

  async forget(field: ValueField, valueKey: string): Promise<boolean> {
    return (await this.db('import_value_choices').where({ field, value_key: valueKey }).delete()) > 0;
  }
}
