import type { Knex } from 'knex';

export interface OperatorRow {
  id: string;
  name: string;
  created_at: string;
  disabled_at: string | null;
}

export class OperatorRepository {
  constructor(private readonly db: Knex) {}

  listActive(): Promise<OperatorRow[]> {
    return this.db('operators').whereNull('disabled_at').orderBy('created_at');
  }

  async find(id: string): Promise<OperatorRow | null> {
    return (await this.db('operators').where({ id }).first<OperatorRow | undefined>()) ?? null;
  }

  async findByName(name: string, trx: Knex | Knex.Transaction = this.db): Promise<OperatorRow | null> {
    return (await trx('operators').where({ name }).first<OperatorRow | undefined>()) ?? null;
  }

  async insert(row: OperatorRow, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('operators').insert(row);
  }

  /** id -> name for every operator, to name authors in records and history. */
  async namesById(): Promise<Map<string, string>> {
    const rows = await this.db('operators').select<{ id: string; name: string }[]>('id', 'name');
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
