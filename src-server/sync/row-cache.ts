/**
 * The rows one batch touches, fetched in a few bulk queries before its ops are applied, so an op costs
 * lookups in memory instead of several round trips (a batch of 500 ops was ~2,000 queries). New rows
 * are buffered and written as multi-row inserts at the end of the batch, or earlier when an update or
 * a fallback query must see them. The cache mirrors what the transaction has written: every row the
 * batch changes passes through it, so it never disagrees with the database within the transaction.
 * Rows other transactions write meanwhile are the same race as before: the unique index catches it
 * and push-service runs the batch again.
 *
 * It is also the storage boundary of trainee rows for sync: rows are held with plain `id_number` and
 * `phone`, read and written sealed, and looked up by number through the keyed digest (secrets/personal-data.ts).
 */
import type { Knex } from 'knex';
import type { SyncOp } from '../../src-shared/sync-protocol';
import { bulkInsert, selectIn } from './bulk-sql';
import type { Columns } from './field-merge';
import { ID_DIGEST_COLUMN, plainTraineeRow, storedTraineeColumns, type PersonalDataCipher } from '../secrets/personal-data';

export interface TraineeRow extends Columns {
  id: string;
  county_code: string;
  hlc: string;
  id_number: string;
  field_hlc: string | null;
  deleted_at: string | null;
}

export interface EnrolmentRow extends Columns {
  id: string;
  county_code: string;
  hlc: string;
  field_hlc: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null);

export class RowCache {
  private readonly trainees = new Map<string, TraineeRow | null>();
  private readonly enrolments = new Map<string, EnrolmentRow | null>();
  /** This county's live trainees by ID number, complete for every number in `indexed`. */
  private readonly live = new Map<string, Set<string>>();
  private readonly indexed = new Set<string>();
  /** Other counties holding a live trainee with the number (their rows are not written here). */
  private readonly elsewhere = new Map<string, string[]>();
  private readonly pendingTrainees = new Map<string, TraineeRow>();
  private readonly pendingEnrolments = new Map<string, EnrolmentRow>();

  constructor(
    private readonly trx: Knex.Transaction,
    private readonly countyCode: string,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Loads every row the ops name: trainees and records by id, and the county's rows of every ID number sent. */
  async prefetch(ops: readonly SyncOp[]): Promise<void> {
    const traineeIds = new Set<string>();
    const enrolmentIds = new Set<string>();
    const numbers = new Set<string>();
    for (const op of ops) {
      if (op.entity === 'trainee') {
        traineeIds.add(op.entityId);
        const number = text(op.payload.idNumber);
        if (number) numbers.add(number);
      } else if (op.entity === 'enrolment') {
        enrolmentIds.add(op.entityId);
        const trainee = text(op.payload.traineeId);
        if (trainee) traineeIds.add(trainee);
      }
    }
    const ids = [...traineeIds];
    const list = [...numbers];
    for (const id of ids) this.trainees.set(id, null);
    for (const n of list) this.indexed.add(n);
    for (const row of await selectIn<Columns>(this.trx, 'trainees', 'id', ids)) this.remember(this.plain(row));
    const numberOf = new Map(list.map((n) => [this.cipher.idDigest(n), n]));
    const digests = [...numberOf.keys()];
    const sameCounty = await selectIn<Columns>(this.trx, 'trainees', ID_DIGEST_COLUMN, digests, (q) => q.where({ county_code: this.countyCode }).whereNull('deleted_at'));
    for (const row of sameCounty) if (!this.trainees.get(String(row.id))) this.remember(this.plain(row));
    const others = await selectIn<{ id_number_digest: string; county_code: string }>(this.trx, 'trainees', ID_DIGEST_COLUMN, digests, (q) => q.whereNot({ county_code: this.countyCode }).whereNull('deleted_at'), [ID_DIGEST_COLUMN, 'county_code']);
    for (const n of list) this.elsewhere.set(n, []);
    for (const row of others) {
      const counties = this.elsewhere.get(numberOf.get(row.id_number_digest)!)!;
      if (!counties.includes(row.county_code)) counties.push(row.county_code);
    }
    const records = [...enrolmentIds];
    for (const id of records) this.enrolments.set(id, null);
    for (const row of await selectIn<EnrolmentRow>(this.trx, 'enrolments', 'id', records)) this.enrolments.set(row.id, row);
  }

  async trainee(id: string): Promise<TraineeRow | undefined> {
    if (!this.trainees.has(id)) {
      const row = await this.trx('trainees').where({ id }).first<Columns | undefined>();
      if (row) this.remember(this.plain(row));
      else this.trainees.set(id, null);
    }
    return this.trainees.get(id) ?? undefined;
  }

  async enrolment(id: string): Promise<EnrolmentRow | undefined> {
    if (!this.enrolments.has(id)) this.enrolments.set(id, (await this.trx('enrolments').where({ id }).first<EnrolmentRow | undefined>()) ?? null);
    return this.enrolments.get(id) ?? undefined;
  }

  /** Whether another live trainee of this county holds the number. */
  async numberTaken(idNumber: string, traineeId: string): Promise<boolean> {
    if (this.indexed.has(idNumber)) return [...(this.live.get(idNumber) ?? [])].some((id) => id !== traineeId);
    await this.flush();
    const other = await this.trx('trainees').where({ county_code: this.countyCode, [ID_DIGEST_COLUMN]: this.cipher.idDigest(idNumber) }).whereNull('deleted_at').whereNot({ id: traineeId }).first('id');
    return other !== undefined;
  }

  /** Counties other than this one with a live trainee of the number. */
  async otherCounties(idNumber: string): Promise<string[]> {
    const known = this.elsewhere.get(idNumber);
    if (known) return known;
    return this.trx('trainees').where({ [ID_DIGEST_COLUMN]: this.cipher.idDigest(idNumber) }).whereNot({ county_code: this.countyCode }).whereNull('deleted_at').distinct().pluck('county_code');
  }

  insertTrainee(row: TraineeRow): void {
    this.pendingTrainees.set(row.id, row);
    this.remember(row);
  }

  insertEnrolment(row: EnrolmentRow): void {
    this.pendingEnrolments.set(row.id, row);
    this.enrolments.set(row.id, row);
  }

  async updateTrainee(id: string, values: Columns): Promise<void> {
    if (this.pendingTrainees.has(id)) await this.flush();
    await this.trx('trainees').where({ id }).update(storedTraineeColumns(this.cipher, id, values));
    const row = this.trainees.get(id);
    if (row) this.remember({ ...row, ...values } as TraineeRow);
  }

  async updateEnrolment(id: string, values: Columns): Promise<void> {
    if (this.pendingEnrolments.has(id)) await this.flush();
    await this.trx('enrolments').where({ id }).update(values);
    const row = this.enrolments.get(id);
    if (row) this.enrolments.set(id, { ...row, ...values });
  }

  /** Writes the buffered new rows (multi-row inserts). */
  async flush(): Promise<void> {
    const trainees = [...this.pendingTrainees.values()];
    const enrolments = [...this.pendingEnrolments.values()];
    this.pendingTrainees.clear();
    this.pendingEnrolments.clear();
    await bulkInsert(this.trx, 'trainees', trainees.map((row) => storedTraineeColumns(this.cipher, row.id, row)));
    await bulkInsert(this.trx, 'enrolments', enrolments);
  }

  /** A stored trainee row with its number and phone opened. */
  private plain(stored: Columns): TraineeRow {
    return plainTraineeRow<TraineeRow>(this.cipher, stored);
  }

  /** Caches a trainee row and keeps the live-number index of this county in step with it. */
  private remember(row: TraineeRow): void {
    const previous = this.trainees.get(row.id);
    if (previous) this.live.get(previous.id_number)?.delete(row.id);
    this.trainees.set(row.id, row);
    if (row.county_code === this.countyCode && !row.deleted_at && this.indexed.has(row.id_number)) {
      const set = this.live.get(row.id_number) ?? new Set<string>();
      set.add(row.id);
      this.live.set(row.id_number, set);
    }
  }
}
