/** Training person-times (培训人次): one row per course a trainee took on a platform. */

import type { Knex } from 'knex';
import { uuidV7 } from '../uuid-v7';
import type { z } from 'zod';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import { maskIdNumber } from '../../../src-shared/domain/id-card';
import { AppError } from '../../../src-shared/errors';
import type { Enrolment, enrolmentCreateInput, enrolmentListInput } from '../../../src-shared/schemas/enrolment';
import { openAuditLinker } from '../audit/audit-chain';
import { ChangeSet, inChangeTransaction, type Actor, type PreparedCreates } from '../change-set';
import { nowIso } from '../clock';
import { insertChunked } from '../db/chunked-insert';
import { applyTraineeSearch } from '../db/trainee-search';
import { personalDataOf, type PersonalDataCipher } from '../secrets/personal-data';
import type { Session } from '../session';

export type EnrolmentCreate = z.output<typeof enrolmentCreateInput>;

interface EnrolmentJoinedRow {
  id: string;
  trainee_id: string;
  trainee_name: string;
  trainee_id_number: string;
  platform_id: string;
  platform_name: string;
  occupation_id: string | null;
  occupation_name: string | null;
  course_name: string;
  start_date: string;
  end_date: string | null;
  hours: number;
  signed_in: number;
  learning_record: string | null;
  test_result: string | null;
  created_at: string;
  created_by_name: string | null;
}

function toEnrolment(row: EnrolmentJoinedRow, cipher: PersonalDataCipher): Enrolment {
  return {
    id: row.id,
    traineeId: row.trainee_id,
    traineeName: row.trainee_name,
    traineeIdNumber: maskIdNumber(cipher.open(row.trainee_id_number)),
    platformId: row.platform_id,
    platformName: row.platform_name,
    occupationId: row.occupation_id,
    occupationName: row.occupation_name,
    courseName: row.course_name,
    startDate: row.start_date,
    endDate: row.end_date,
    hours: Number(row.hours),
    signedIn: row.signed_in === 1,
    learningRecord: row.learning_record,
    testResult: row.test_result,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
  };
}

export class EnrolmentService {
  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly clock: HybridLogicalClock,
  ) {}

  async create(input: EnrolmentCreate): Promise<Enrolment> {
    const [id] = await this.createMany([input]);
    return this.get(id!);
  }

  /** All or nothing: every trainee, platform and occupation must exist. */
  async createMany(inputs: readonly EnrolmentCreate[]): Promise<string[]> {
    const actor = await this.session.actor();
    return inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
      await this.refuseMissingReferences(trx, inputs);
      const rows = this.buildCreates(inputs, actor, changes);
      await insertChunked(trx, 'enrolments', rows);
      return rows.map((r) => r.id);
    });
  }

  /**
   * For the import (import/commit.ts), with this service bound to the import's transaction: createMany's checks of
   * all the inputs at once, then a builder of each chunk's rows with their audit and outbox entries, without the
   * database, so that the import writes one chunk while it builds the next.
   */
  async bulkCreator(inputs: readonly EnrolmentCreate[]): Promise<(chunk: readonly EnrolmentCreate[]) => PreparedCreates> {
    const actor = await this.session.actor();
    await this.refuseMissingReferences(this.db, inputs);
    // Bound to the import's transaction: no other write can move the chain's head until it commits.
    const linker = await openAuditLinker(this.db);
    return (chunk) => {
      const changes = new ChangeSet(actor, this.clock, personalDataOf(this.db), linker);
      const rows = this.buildCreates(chunk, actor, changes);
      return { ids: rows.map((r) => r.id), tables: [{ table: 'enrolments', rows }, ...changes.drain()] };
    };
  }

  private async refuseMissingReferences(trx: Knex | Knex.Transaction, inputs: readonly EnrolmentCreate[]): Promise<void> {
    await this.refuseMissing(trx, 'trainees', inputs.map((i) => i.traineeId), 'traineeId', '所选学员不存在或已删除');
    await this.refuseMissing(trx, 'platforms', inputs.map((i) => i.platformId), 'platformId', '所选平台不在平台目录中');
    const occupationIds = inputs.map((i) => i.occupationId).filter((id): id is string => id !== null);
    await this.refuseMissing(trx, 'occupations', occupationIds, 'occupationId', '所选职业（工种）不在目录中');
  }

  /** The rows of new training records, and their changes recorded in `changes`: no database. */
  private buildCreates(inputs: readonly EnrolmentCreate[], actor: Actor, changes: ChangeSet) {
    const now = nowIso();
    return inputs.map((input) => {
      const hlc = changes.stamp();
      const row = {
        id: uuidV7(),
        trainee_id: input.traineeId,
        platform_id: input.platformId,
        occupation_id: input.occupationId,
        course_name: input.courseName,
        start_date: input.startDate,
        end_date: input.endDate,
        hours: input.hours,
        signed_in: input.signedIn ? 1 : 0,
        learning_record: input.learningRecord ?? null,
        test_result: input.testResult ?? null,
        created_at: now,
        updated_at: now,
        created_by: actor.operatorId,
        updated_by: actor.operatorId,
        hlc,
      };
      changes.record({ entity: 'enrolment', entityId: row.id, action: 'create', sync: { entity: 'enrolment', op: 'put', payload: { ...input, id: row.id } } }, hlc);
      return row;
    });
  }

  private base(): Knex.QueryBuilder {
    return this.db('enrolments as e')
      .join('trainees as t', 't.id', 'e.trainee_id')
      .join('platforms as p', 'p.id', 'e.platform_id')
      .leftJoin('occupations as o', 'o.id', 'e.occupation_id')
      .leftJoin('operators as op', 'op.id', 'e.created_by')
      .whereNull('e.deleted_at')
      .whereNull('t.deleted_at');
  }

  private static readonly COLUMNS = [
    'e.id', 'e.trainee_id', 't.name as trainee_name', 't.id_number as trainee_id_number', 'e.platform_id',
    'p.name as platform_name', 'e.occupation_id', 'o.name as occupation_name', 'e.course_name', 'e.start_date',
    'e.end_date', 'e.hours', 'e.signed_in', 'e.learning_record', 'e.test_result', 'e.created_at', 'op.name as created_by_name',
  ];

  async get(id: string): Promise<Enrolment> {
    const row = await this.base().where('e.id', id).first<EnrolmentJoinedRow | undefined>(EnrolmentService.COLUMNS);
    if (!row) throw new AppError('NOT_FOUND', '没有找到该培训记录');
    return toEnrolment(row, personalDataOf(this.db));
  }

  async list(request: z.output<typeof enrolmentListInput>): Promise<{ items: Enrolment[]; total: number; page: number; pageSize: number }> {
    const filtered = () => {
      const q = this.base();
      if (request.traineeId) q.where('e.trainee_id', request.traineeId);
      if (request.query) applyTraineeSearch(q, request.query, personalDataOf(this.db));
      if (request.platformId) q.where('e.platform_id', request.platformId);
      if (request.occupationId) q.where('e.occupation_id', request.occupationId);
      if (request.startFrom) q.where('e.start_date', '>=', request.startFrom);
      if (request.startTo) q.where('e.start_date', '<=', request.startTo);
      if (request.signedIn !== undefined) q.where('e.signed_in', request.signedIn ? 1 : 0);
      return q;
    };
    const rows = await filtered()
      .select<EnrolmentJoinedRow[]>(EnrolmentService.COLUMNS)
      .orderBy([{ column: 'e.created_at', order: 'desc' }, { column: 'e.id', order: 'desc' }])
      .limit(request.pageSize)
      .offset((request.page - 1) * request.pageSize);
    const counted = await filtered().count<{ n: number }[]>({ n: '*' });
    const cipher = personalDataOf(this.db);
    return { items: rows.map((row) => toEnrolment(row, cipher)), total: Number(counted[0]?.n ?? 0), page: request.page, pageSize: request.pageSize };
  }

  private async refuseMissing(trx: Knex | Knex.Transaction, table: string, ids: string[], field: string, message: string): Promise<void> {
    const wanted = [...new Set(ids)];
    for (let start = 0; start < wanted.length; start += 500) {
      const chunk = wanted.slice(start, start + 500);
      const found = await trx(table).whereIn('id', chunk).modify((q) => {
        if (table !== 'occupations') q.whereNull('deleted_at');
      }).count<{ n: number }[]>({ n: '*' });
      if (Number(found[0]?.n ?? 0) !== chunk.length) throw AppError.field(field, message);
    }
  }
}
