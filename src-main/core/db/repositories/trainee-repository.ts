/**
 * Trainee rows and their categories. Rows are clear here and sealed in the file (db/trainee-sealing.ts): ID numbers
 * and phones are found by their blind indexes, names by indexed prefix ranges, so search stays fast at a million rows.
 */
import type { Knex } from 'knex';
import type { PersonCategory } from '../../../../src-shared/domain/categories';
import { insertChunked } from '../chunked-insert';
import { applyTraineeSearch } from '../trainee-search';
import { openTraineeColumns, sealTraineeColumns, type SealedTraineeRow } from '../trainee-sealing';
import { personalDataOf } from '../../secrets/personal-data';

/** Kept here for the service that writes the reversed columns. */
export { reverse } from '../trainee-search';

export interface TraineeRow {
  id: string;
  county_code: string;
  id_number: string;
  name: string;
  name_initials: string;
  phone: string;
  /** 1 rural, 0 urban, null not known yet (待补充). */
  rural_hukou: number | null;
  registered_at: string;
  platform_id: string | null;
  note: string | null;
  birth_date: string;
  sex: 'M' | 'F';
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: string | null;
  delete_reason: string | null;
  hlc: string | null;
}

export interface TraineeFilter {
  query?: string;
  ids?: string[];
  categories?: PersonCategory[];
  platformId?: string;
  registeredFrom?: string;
  registeredTo?: string;
  livingAllowanceEligible?: boolean;
  incomplete?: boolean;
}

export interface TraineePageRequest extends TraineeFilter {
  sort: 'registeredAt' | 'name' | 'createdAt';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const SORT_COLUMNS = { registeredAt: 'registered_at', name: 'name', createdAt: 'created_at' } as const;
const ALLOWANCE_DIRECT: PersonCategory[] = ['poverty_registered', 'employment_difficulty', 'zero_employment_family'];

function hasCategory(db: Knex, categories: PersonCategory[]): Knex.QueryBuilder {
  return db('trainee_categories as c').select('c.trainee_id').whereIn('c.category', categories);
}

export class TraineeRepository {
  constructor(private readonly db: Knex) {}

  async findLiveByIdNumber(idNumber: string, trx: Knex | Knex.Transaction = this.db): Promise<TraineeRow | null> {
    const cipher = personalDataOf(trx);
    const row = await trx('trainees').where({ id_hash: cipher.index('id_hash', idNumber) }).whereNull('deleted_at').first<TraineeRow | undefined>();
    return row ? openTraineeColumns(cipher, row) : null;
  }

  async findLive(id: string, trx: Knex | Knex.Transaction = this.db): Promise<TraineeRow | null> {
    const row = await trx('trainees').where({ id }).whereNull('deleted_at').first<TraineeRow | undefined>();
    return row ? openTraineeColumns(personalDataOf(trx), row) : null;
  }

  /** New rows already sealed by sealTraineeColumns (the service reuses their sealed numbers in the outbox). */
  async insertSealed(rows: SealedTraineeRow[], categories: Array<{ trainee_id: string; category: PersonCategory }>, trx: Knex.Transaction): Promise<void> {
    await insertChunked(trx, 'trainees', rows);
    await insertChunked(trx, 'trainee_categories', categories);
  }

  async update(id: string, fields: Partial<TraineeRow>, trx: Knex.Transaction): Promise<void> {
    await trx('trainees').where({ id }).update(sealTraineeColumns(personalDataOf(trx), fields));
  }

  async replaceCategories(id: string, categories: PersonCategory[], trx: Knex.Transaction): Promise<void> {
    await trx('trainee_categories').where({ trainee_id: id }).delete();
    if (categories.length > 0) {
      await trx('trainee_categories').insert(categories.map((category) => ({ trainee_id: id, category })));
    }
  }

  async categoriesOf(ids: string[], trx: Knex | Knex.Transaction = this.db): Promise<Map<string, PersonCategory[]>> {
    const result = new Map<string, PersonCategory[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return result;
    const rows = await trx('trainee_categories')
      .whereIn('trainee_id', ids)
      .select<{ trainee_id: string; category: PersonCategory }[]>('trainee_id', 'category');
    for (const row of rows) result.get(row.trainee_id)?.push(row.category);
    return result;
  }

  async enrolmentCounts(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db('enrolments')
      .whereIn('trainee_id', ids)
      .whereNull('deleted_at')
      .groupBy('trainee_id')
      .select<{ trainee_id: string; n: number }[]>('trainee_id', this.db.raw('count(*) as n'));
    return new Map(rows.map((r) => [r.trainee_id, Number(r.n)]));
  }

  private filtered(filter: TraineeFilter): Knex.QueryBuilder {
    const builder = this.db('trainees as t').whereNull('t.deleted_at');
    if (filter.query) applyTraineeSearch(builder, filter.query, personalDataOf(this.db));
    if (filter.ids) builder.whereIn('t.id', filter.ids);
    if (filter.categories && filter.categories.length > 0) {
      builder.whereIn('t.id', hasCategory(this.db, filter.categories));
    }
    if (filter.platformId) builder.where('t.platform_id', filter.platformId);
    if (filter.registeredFrom) builder.where('t.registered_at', '>=', filter.registeredFrom);
    if (filter.registeredTo) builder.where('t.registered_at', '<=', filter.registeredTo);
    if (filter.livingAllowanceEligible !== undefined) {
      const eligible = (q: Knex.QueryBuilder) =>
        q
          .whereIn('t.id', hasCategory(this.db, ALLOWANCE_DIRECT))
          .orWhere((school) =>
            school
              .whereIn('t.id', hasCategory(this.db, ['school_leaver']))
              // coalesce: an unknown 户籍 (NULL) must not make the NOT of this test unknown too (the row would vanish from both lists).
              .andWhere((poor) => poor.whereRaw('coalesce(t.rural_hukou, 0) = 1').orWhereIn('t.id', hasCategory(this.db, ['urban_min_allowance']))),
          );
      if (filter.livingAllowanceEligible) builder.where(eligible);
      else builder.whereNot(eligible);
    }
    if (filter.incomplete) {
      builder.where((open) => open.whereNull('t.rural_hukou').orWhereNotExists((q) => q.from('trainee_categories as c').whereRaw('c.trainee_id = t.id')));
    }
    return builder;
  }

  async page(request: TraineePageRequest): Promise<{ rows: Array<TraineeRow & { platform_name: string | null }>; total: number }> {
    const column = SORT_COLUMNS[request.sort];
    const rows = await this.filtered(request)
      .leftJoin('platforms as p', 'p.id', 't.platform_id')
      .select('t.*', 'p.name as platform_name')
      .orderBy([
        { column: `t.${column}`, order: request.order },
        { column: 't.id', order: request.order },
      ])
      .limit(request.pageSize)
      .offset((request.page - 1) * request.pageSize);
    const counted = await this.filtered(request).count<{ n: number }[]>({ n: '*' });
    const cipher = personalDataOf(this.db);
    return { rows: (rows as Array<TraineeRow & { platform_name: string | null }>).map((row) => openTraineeColumns(cipher, row)), total: Number(counted[0]?.n ?? 0) };
  }

  async platformName(platformId: string | null, trx: Knex | Knex.Transaction = this.db): Promise<string | null> {
    if (!platformId) return null;
    const row = await trx('platforms').where({ id: platformId }).first<{ name: string } | undefined>('name');
    return row?.name ?? null;
  }

  async liveCount(): Promise<number> {
    const counted = await this.db('trainees').whereNull('deleted_at').count<{ n: number }[]>({ n: '*' });
    return Number(counted[0]?.n ?? 0);
  }
}
