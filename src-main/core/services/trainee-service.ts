/**
 * Registering, changing, removing and finding trainees. Input arrives validated and normalised by
 * the contract's schemas; this layer enforces what needs the store (one registration per ID number,
 * platforms that exist) and writes audit and outbox rows in the same transaction.
 */

import type { Knex } from 'knex';
import { uuidV7 } from '../uuid-v7';
import type { z } from 'zod';
import type { PersonCategory } from '../../../src-shared/domain/categories';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import { BASE_HLC_KEY } from '../../../src-shared/sync-protocol';
import { isValidIsoDate } from '../../../src-shared/domain/dates';
import { maskIdNumber, parseIdNumber } from '../../../src-shared/domain/id-card';
import { AppError } from '../../../src-shared/errors';
import type { Trainee, traineeCreateInput, traineeListInput, traineeUpdateInput } from '../../../src-shared/schemas/trainee';
import { openAuditLinker } from '../audit/audit-chain';
import { ChangeSet, inChangeTransaction, type Actor, type PreparedCreates } from '../change-set';
import { nowIso } from '../clock';
import { OperatorRepository } from '../db/repositories/operator-repository';
import { TraineeRepository, type TraineeRow } from '../db/repositories/trainee-repository';
import { sealTraineeColumns, type SealedTraineeRow } from '../db/trainee-sealing';
import { SEALED_AUDIT_FIELDS } from '../secrets/audit-numbers';
import { personalDataOf, type PersonalDataCipher } from '../secrets/personal-data';
import { isUniqueViolation } from '../../../src-node/sqlite-errors';
import { nameInitials } from '../name-initials';
import type { Session } from '../session';
import { VIEW_ACTION } from './trainee-audit-service';
import { payloadValue, syncPayload, toTrainee, TRAINEE_COLUMN_FIELDS, TRAINEE_ROW_FIELDS } from './trainee-mapper';

export type TraineeCreate = z.output<typeof traineeCreateInput>;
/** A registration whose id was chosen before the write: a training-record import links its records to it (import/register-missing.ts). */
export type TraineeCreateWithId = TraineeCreate & { id?: string };
export type TraineeUpdate = z.output<typeof traineeUpdateInput>;
export type TraineeListRequest = z.output<typeof traineeListInput>;

/** The import's writer of new trainees (bulkCreator). */
export interface BulkCreator {
  /** The rows of inputs [start, end), with their audit and outbox entries. */
  prepare(start: number, end: number): Promise<PreparedCreates>;
  /** Ends the sealing thread; after the last prepare, or when the import stops, never while a prepare waits. */
  close(): Promise<void>;
}

type CategoryRow = { trainee_id: string; category: PersonCategory };

/** Who writes a batch of new registrations, read once before its rows are built. */
interface Author {
  countyCode: string;
  actor: Actor;
}

const ALREADY_REGISTERED = '该身份证号已在本单位登记，已为您打开原记录';

const NORMALISED_ID_NUMBER = /^\d{6}(\d{4})(\d{2})(\d{2})\d{2}(\d)[\dX]$/;

/** The synced fields' columns of a new row (the table's codecs), with the local helpers of each. */
type TraineeColumns = Omit<TraineeRow, 'id' | 'county_code' | 'created_at' | 'updated_at' | 'created_by' | 'updated_by' | 'deleted_at' | 'delete_reason' | 'hlc'>;
function rowColumns(input: TraineeCreate): Record<string, unknown> {
  const given = input as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const spec of TRAINEE_ROW_FIELDS) {
    if (spec.merge === 'derived') continue;
    row[spec.column] = spec.codec.toColumn(given[spec.field] ?? null);
    Object.assign(row, LOCAL_COLUMNS[spec.field]?.(given[spec.field] as string));
  }
  return row;
}

/**
 * The numbers of `input` as sealed ahead, when they are the row's values exactly (the codecs store them as given);
 * otherwise none, and the row's own values are sealed.
 */
function sealedAhead(row: TraineeRow, input: TraineeCreate, sealed: readonly string[] | undefined, index: number): { id_number: string; phone: string } | undefined {
  if (!sealed || row.id_number !== input.idNumber || row.phone !== input.phone) return undefined;
  return { id_number: sealed[2 * index]!, phone: sealed[2 * index + 1]! };
}

/**
 * Columns only this PC keeps, recomputed whenever their field is written: name initials for search and what the ID
 * number encodes. They never leave the PC as such. (The blind indexes of the numbers are added where rows are
 * sealed, db/trainee-sealing.ts.)
 */
const LOCAL_COLUMNS: Readonly<Record<string, (value: string) => Record<string, unknown>>> = {
  idNumber: (v) => derivedFromIdNumber(v),
  name: (v) => ({ name_initials: nameInitials(v) }),
};

function derivedFromIdNumber(idNumber: string): { birth_date: string; sex: 'M' | 'F' } {
  // Inputs come through the contract's schema, which has checked the number (and its birth date) already: read
  // the two fields off the normalised number instead of validating it again (a tenth of an import's row building).
  const m = NORMALISED_ID_NUMBER.exec(idNumber);
  const birthDate = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (m && isValidIsoDate(birthDate)) return { birth_date: birthDate, sex: Number(m[4]) % 2 === 1 ? 'M' : 'F' };
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) throw AppError.field('idNumber', parsed.message);
  return { birth_date: parsed.value.birthDate, sex: parsed.value.sex };
}

export class TraineeService {
  private readonly trainees: TraineeRepository;
  private readonly operators: OperatorRepository;

  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly clock: HybridLogicalClock,
  ) {
    this.trainees = new TraineeRepository(db);
    this.operators = new OperatorRepository(db);
  }

  async create(input: TraineeCreate): Promise<Trainee> {
    const [id] = await this.createMany([input]);
    return this.written(id!);
  }

  /**
   * Registers many trainees in one transaction (demo data, imports): all or nothing. Refuses the
   * whole batch if a number repeats inside it or is already registered here.
   */
  async createMany(inputs: readonly TraineeCreate[]): Promise<string[]> {
    const author = await this.author();
    this.refuseRepeatsInside(inputs);
    try {
      return await inChangeTransaction(this.db, author.actor, this.clock, async (trx, changes) => {
        await this.refuseAlreadyRegistered(inputs, trx);
        await this.refuseUnknownPlatforms(inputs, trx);
        const { stored, categoryRows } = this.buildCreates(inputs, author, changes, personalDataOf(trx));
        await this.trainees.insertSealed(stored, categoryRows, trx);
        return stored.map((r) => r.id);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', '身份证号已登记，请刷新后重试');
      throw error;
    }
  }

  /**
   * For the import (import/commit.ts), with this service bound to the import's transaction: createMany's checks of
   * all the inputs at once, then a builder of the rows of inputs [start, end) with their audit and outbox entries,
   * built without the database, so that the import writes one chunk while it builds the next. The rows are
   * createMany's own. The numbers of all the inputs are sealed ahead, in a thread of their own (seal-ahead.ts);
   * `close` ends it. An ID number registered since the dry run is caught by the store's unique index, which fails
   * the whole import.
   */
  async bulkCreator(inputs: readonly TraineeCreateWithId[]): Promise<BulkCreator> {
    const author = await this.author();
    this.refuseRepeatsInside(inputs);
    await this.refuseUnknownPlatforms(inputs, this.db);
    const cipher = personalDataOf(this.db);
    // Bound to the import's transaction: no other write can move the chain's head until it commits.
    const linker = await openAuditLinker(this.db);
    // Each input's ID number then phone: input i at 2i and 2i + 1.
    const numbers = cipher.sealAhead(inputs.flatMap((input) => [input.idNumber, input.phone]));
    return {
      prepare: async (start, end) => {
        const sealed = await numbers.take(2 * start, 2 * end);
        // A programming error (a range outside the inputs), never the clerk's.
        if (sealed.length !== 2 * (end - start)) throw new Error(`Sealed ${sealed.length} numbers for inputs [${start}, ${end})`);
        const changes = new ChangeSet(author.actor, this.clock, cipher, linker);
        const { stored, categoryRows } = this.buildCreates(inputs.slice(start, end), author, changes, cipher, sealed);
        return {
          ids: stored.map((r) => r.id),
          tables: [{ table: 'trainees', rows: stored }, { table: 'trainee_categories', rows: categoryRows }, ...changes.drain()],
        };
      },
      close: () => numbers.close(),
    };
  }

  private async author(): Promise<Author> {
    return { countyCode: await this.session.countyCode(), actor: await this.session.actor() };
  }

  /**
   * The rows of new registrations as the store keeps them (numbers sealed, with their blind indexes), and their
   * changes recorded in `changes`: no database. The outbox op reuses the row's sealed numbers (outbox-payload.ts).
   */
  private buildCreates(
    inputs: readonly TraineeCreateWithId[],
    { countyCode, actor }: Author,
    changes: ChangeSet,
    cipher: PersonalDataCipher,
    /** The inputs' numbers sealed ahead: input i's ID number at 2i, its phone at 2i + 1. */
    sealedNumbers?: readonly string[],
  ): { stored: SealedTraineeRow[]; categoryRows: CategoryRow[] } {
    const now = nowIso();
    const stored: SealedTraineeRow[] = [];
    const categoryRows: CategoryRow[] = [];
    for (const [index, input] of inputs.entries()) {
      const hlc = changes.stamp();
      const row: TraineeRow = {
        id: input.id ?? uuidV7(),
        county_code: countyCode,
        ...(rowColumns(input) as TraineeColumns),
        created_at: now,
        updated_at: now,
        created_by: actor.operatorId,
        updated_by: actor.operatorId,
        deleted_at: null,
        delete_reason: null,
        hlc,
      };
      const sealed = sealTraineeColumns(cipher, row, sealedAhead(row, input, sealedNumbers, index));
      stored.push(sealed);
      for (const category of input.categories) categoryRows.push({ trainee_id: row.id, category });
      changes.record(
        {
          entity: 'trainee',
          entityId: row.id,
          action: 'create',
          sync: { entity: 'trainee', op: 'put', payload: syncPayload(row, input.categories), sealed: { idNumber: sealed.id_number, phone: sealed.phone } },
        },
        hlc,
      );
    }
    return { stored, categoryRows };
  }

  /**
   * One trainee in full, for the edit drawer (which edits the ID number and phone): seeing them is
   * access to personal data, so each read is recorded with the operator, as a reveal is.
   */
  async get(id: string): Promise<Trainee> {
    const actor = await this.session.actor();
    const row = await inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
      const found = await this.trainees.findLive(id, trx);
      if (!found) throw new AppError('NOT_FOUND', '没有找到该学员，可能已被删除');
      // Audit only: a read changes no data, so nothing goes to the provincial server.
      changes.record({ entity: 'trainee', entityId: id, action: VIEW_ACTION, changes: { fields: ['idNumber', 'phone'] } });
      return found;
    });
    return this.present(row, false);
  }

  /**
   * The trainee registered here with this number, masked: the entry form needs only who it is (the
   * clerk typed the number; the phone is not theirs to see without a recorded reveal).
   */
  async lookup(rawIdNumber: string): Promise<Trainee | null> {
    const parsed = parseIdNumber(rawIdNumber);
    if (!parsed.ok) return null;
    const row = await this.trainees.findLiveByIdNumber(parsed.value.idNumber);
    return row ? this.present(row, true) : null;
  }

  /** The record as just written by this caller (create, update): what they sent, nothing more to audit. */
  private async written(id: string): Promise<Trainee> {
    const row = await this.trainees.findLive(id);
    if (!row) throw new AppError('NOT_FOUND', '没有找到该学员，可能已被删除');
    return this.present(row, false);
  }

  async update({ id, patch }: TraineeUpdate): Promise<Trainee> {
    const actor = await this.session.actor();
    try {
      await inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
        const before = await this.trainees.findLive(id, trx);
        if (!before) throw new AppError('NOT_FOUND', '没有找到该学员，可能已被删除');
        if (patch.idNumber && patch.idNumber !== before.id_number) {
          const other = await this.trainees.findLiveByIdNumber(patch.idNumber, trx);
          if (other) throw new AppError('CONFLICT', '该身份证号已登记在另一条记录上', { existingId: other.id });
        }
        if (patch.platformId) await this.refuseUnknownPlatforms([{ platformId: patch.platformId }], trx);
        const beforeCategories = (await this.trainees.categoriesOf([id], trx)).get(id) ?? [];
        const fields = this.changedFields(before, patch);
        const changedCategories = patch.categories !== undefined && !sameSet(patch.categories, beforeCategories);
        if (Object.keys(fields).length === 0 && !changedCategories) {
          // Nothing to write, yet the answer is the full record: recorded as the read it is (as trainees.get).
          changes.record({ entity: 'trainee', entityId: id, action: VIEW_ACTION, changes: { fields: ['idNumber', 'phone'] } });
          return;
        }
        const hlc = changes.stamp();
        const audit: Record<string, unknown> = {};
        // The stamp this PC last saw on the row: the server tells a real conflict from an overwrite of a seen value.
        const payload: Record<string, unknown> = before.hlc ? { [BASE_HLC_KEY]: before.hlc } : {};
        for (const [column, value] of Object.entries(fields)) {
          const field = TRAINEE_COLUMN_FIELDS[column];
          if (!field) continue; // search helpers (reversed numbers, initials) stay local
          const pair = [before[column as keyof TraineeRow], value];
          // The numbers before and after are personal data like the row's own: sealed in the trail too.
          audit[column] = SEALED_AUDIT_FIELDS.has(column) ? pair.map((v) => (typeof v === 'string' ? personalDataOf(trx).seal(v) : v)) : pair;
          payload[field] = payloadValue(column, value);
        }
        if (changedCategories) {
          audit.categories = [beforeCategories, patch.categories];
          payload.categories = patch.categories;
          await this.trainees.replaceCategories(id, patch.categories!, trx);
        }
        await this.trainees.update(id, { ...fields, updated_at: nowIso(), updated_by: actor.operatorId, hlc }, trx);
        changes.record({ entity: 'trainee', entityId: id, action: 'update', changes: audit, sync: { entity: 'trainee', op: 'patch', payload } }, hlc);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', '该身份证号已登记在另一条记录上');
      throw error;
    }
    return this.written(id);
  }

  async delete(id: string, reason: string): Promise<void> {
    const actor = await this.session.actor();
    await inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
      const row = await this.trainees.findLive(id, trx);
      if (!row) throw new AppError('NOT_FOUND', '没有找到该学员，可能已被删除');
      const hlc = changes.stamp();
      const at = nowIso();
      await this.trainees.update(id, { deleted_at: at, delete_reason: reason, updated_at: at, updated_by: actor.operatorId, hlc }, trx);
      changes.record({ entity: 'trainee', entityId: id, action: 'delete', changes: { reason }, sync: { entity: 'trainee', op: 'delete', payload: { reason } } }, hlc);
    });
  }

  async list(request: TraineeListRequest): Promise<{ items: Trainee[]; total: number; page: number; pageSize: number }> {
    const { rows, total } = await this.trainees.page(request);
    const ids = rows.map((r) => r.id);
    const [categories, counts, names] = await Promise.all([
      this.trainees.categoriesOf(ids),
      this.trainees.enrolmentCounts(ids),
      this.operators.namesById(),
    ]);
    const items = rows.map((row) =>
      toTrainee(row, {
        categories: categories.get(row.id) ?? [],
        platformName: row.platform_name,
        enrolmentCount: counts.get(row.id) ?? 0,
        operatorNames: names,
        masked: true,
      }),
    );
    return { items, total, page: request.page, pageSize: request.pageSize };
  }

  private async present(row: TraineeRow, masked: boolean): Promise<Trainee> {
    const [categories, counts, names, platformName] = await Promise.all([
      this.trainees.categoriesOf([row.id]),
      this.trainees.enrolmentCounts([row.id]),
      this.operators.namesById(),
      this.trainees.platformName(row.platform_id),
    ]);
    return toTrainee(row, {
      categories: categories.get(row.id) ?? [],
      platformName,
      enrolmentCount: counts.get(row.id) ?? 0,
      operatorNames: names,
      masked,
    });
  }

  /** The row columns a patch changes, with the local search helpers and derived values of the changed fields. */
  private changedFields(before: TraineeRow, patch: TraineeUpdate['patch']): Partial<TraineeRow> {
    const next: Record<string, unknown> = {};
    const stored = before as unknown as Record<string, unknown>;
    const given = patch as Record<string, unknown>;
    for (const spec of TRAINEE_ROW_FIELDS) {
      const value = given[spec.field];
      if (value === undefined || spec.merge === 'derived') continue;
      const column = spec.codec.toColumn(value);
      if (column === stored[spec.column]) continue;
      next[spec.column] = column;
      Object.assign(next, LOCAL_COLUMNS[spec.field]?.(value as string));
    }
    return next as Partial<TraineeRow>;
  }

  private refuseRepeatsInside(inputs: readonly TraineeCreate[]): void {
    const seen = new Set<string>();
    for (const input of inputs) {
      if (seen.has(input.idNumber)) {
        throw AppError.field('idNumber', `身份证号 ${maskIdNumber(input.idNumber)} 在本批数据中重复出现，请删除重复行`);
      }
      seen.add(input.idNumber);
    }
  }

  private async refuseAlreadyRegistered(inputs: readonly TraineeCreate[], trx: Knex.Transaction): Promise<void> {
    const cipher = personalDataOf(trx);
    for (let start = 0; start < inputs.length; start += 500) {
      const hashes = inputs.slice(start, start + 500).map((i) => cipher.index('id_hash', i.idNumber));
      const existing = await trx('trainees').whereIn('id_hash', hashes).whereNull('deleted_at').first<{ id: string } | undefined>('id');
      if (existing) {
        throw new AppError('CONFLICT', inputs.length === 1 ? ALREADY_REGISTERED : '有身份证号已在本单位登记，请先去掉这些行', {
          existingId: existing.id,
        });
      }
    }
  }

  private async refuseUnknownPlatforms(inputs: ReadonlyArray<{ platformId: string | null }>, trx: Knex | Knex.Transaction): Promise<void> {
    const wanted = [...new Set(inputs.map((i) => i.platformId).filter((id): id is string => id !== null))];
    if (wanted.length === 0) return;
    const found = await trx('platforms').whereIn('id', wanted).whereNull('deleted_at').pluck('id');
    if (found.length !== wanted.length) throw AppError.field('platformId', '所选注册平台不在平台目录中，请重新选择');
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
