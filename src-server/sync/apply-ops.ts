/**
 * Applies one op of a batch inside the batch's transaction, for the county of the pushing device.
 * Everything that can fail for a reason a clerk must fix is checked before writing and answered as a
 * rejection (the op is recorded, the batch goes on); a write never runs that could abort the
 * transaction on PostgreSQL, except races the batch transaction retries as a whole.
 *
 * Rows of another county are answered "not found", exactly like ids that do not exist: a device
 * learns nothing about other counties' ids. Conflicts between two PCs of one county are resolved
 * field by field by HLC (field-merge.ts); the losing value is kept (conflict-log.ts).
 */
import type { Knex } from 'knex';
import { todayIso } from '../../src-shared/domain/dates';
import { parseIdNumber, type IdCardResult } from '../../src-shared/domain/id-card';
import { BASE_HLC_KEY, type OpRejectionCode, type SyncOp } from '../../src-shared/sync-protocol';
import type { FeedItemInput } from '../repositories/feed-repository';
import { recordConflicts } from './conflict-log';
import { mergeFields, parseStamps, type Columns } from './field-merge';
import { RowCache, type EnrolmentRow, type TraineeRow } from './row-cache';
import { adoptionPutPayload, firstIssue, parseEnrolmentPut, parseTraineePatch, platformPutPayload, traineePutPayload, type TraineePut } from './op-payloads';
import { reportOpRefusal } from './closed-periods';
import { submissionRulesProblem } from './submission-rules';
import { REPORT_ENTITY } from '../staff/report-repository';
import { CORRECTION_ENTITY, receiveCorrection } from '../staff/correction-service';
import { recordCountySubmission } from '../staff/level-repository';
import { reconcileReportCodes } from '../short-codes/reconcile-codes';
import { reportIndexColumns } from '../staff/report-index';
import { DuplicateNotices } from './duplicate-notices';
import { fastEnrolmentPut, fastTraineePut } from './payload-fast-path';
import { writableFields, type SyncedField } from '../../src-shared/fields/field-spec';
import { ENROLMENT_TABLE } from '../../src-shared/fields/enrolment-fields';
import { TRAINEE_TABLE } from '../../src-shared/fields/trainee-fields';
import { ephemeralPersonalData, type PersonalDataCipher } from '../secrets/personal-data';

export type OpOutcome = { status: 'applied' } | { status: 'rejected'; code: OpRejectionCode; message: string };

const APPLIED: OpOutcome = { status: 'applied' };
const reject = (code: OpRejectionCode, message: string): OpOutcome => ({ status: 'rejected', code, message });

const NOT_FOUND = '省服务器上没有这条记录（它的登记可能未被接收），请先处理“未被接收的修改”中的登记';
const TRAINEE_NOT_SENT = '所属学员的登记没有上报成功，请先处理“未被接收的修改”中的学员登记，再重新同步';
const DUPLICATE_IN_COUNTY = '该身份证号已由本单位另一台电脑登记上报，请核对后删除重复的一条';
const UNSUPPORTED = '本机程序比省服务器新或旧，这条修改暂时无法上报，请升级程序后再同步';

export class OpApplier {
  /** Notices produced while applying (cross-county duplicates), appended to the feed with the batch. */
  readonly feed: FeedItemInput[] = [];
  private readonly rows: RowCache;
  private readonly notices: DuplicateNotices;
  /** The server's date, once per batch (the ID number's birth date may not be after it). */
  private readonly today = todayIso();

  constructor(
    private readonly trx: Knex.Transaction,
    private readonly countyCode: string,
    private readonly deviceId: string,
    private readonly now: string,
    /** Seals ID numbers and phones as they are stored (the server key's; tests: the process's own). */
    private readonly cipher: PersonalDataCipher = ephemeralPersonalData(),
  ) {
    this.rows = new RowCache(trx, countyCode, cipher);
    this.notices = new DuplicateNotices(trx, countyCode, deviceId, this.today, now, cipher);
  }

  /** Loads the rows the batch's ops touch in bulk (call once, before the first `apply`). */
  prefetch(ops: readonly SyncOp[]): Promise<void> {
    return this.rows.prefetch(ops);
  }

  /** Writes the rows still buffered; call after the last `apply`, before the batch commits. */
  async finish(): Promise<void> {
    await this.rows.flush();
    await this.notices.finish();
  }

  /** Foreign-number puts in this batch past the device's daily notice limit (duplicate-notices.ts). */
  get cappedNotices(): number {
    return this.notices.capped;
  }

  async apply(op: SyncOp): Promise<OpOutcome> {
    switch (op.entity) {
      case 'trainee':
        return this.trainee(op);
      case 'enrolment':
        return this.enrolment(op);
      case 'platform':
        return this.platform(op);
      case 'platform_adoption':
        return this.adoption(op);
      case CORRECTION_ENTITY:
        return this.correction(op);
      default:
        return this.generic(op);
    }
  }

  private async trainee(op: SyncOp): Promise<OpOutcome> {
    const row = await this.rows.trainee(op.entityId);
    if (row && row.county_code !== this.countyCode) return reject('NOT_FOUND', NOT_FOUND);
    if (op.op === 'put') {
      const fast = fastTraineePut(op.payload, this.today);
      let put: TraineePut;
      if (fast) put = fast.value;
      else {
        const parsed = traineePutPayload.safeParse(op.payload);
        if (!parsed.success) return reject('VALIDATION', `学员信息有误：${firstIssue(parsed.error)}。请在学员登记中改正后再同步`);
        put = parsed.data;
      }
      if (put.id !== op.entityId) return reject('VALIDATION', '学员编号与记录不符，请联系技术支持');
      if (await this.registeredByAnotherPc(put.idNumber, op.entityId)) return reject('CONFLICT', DUPLICATE_IN_COUNTY);
      const columns = { ...putColumns(TRAINEE_COLUMNS, put as unknown as Record<string, unknown>), id_number: put.idNumber };
      if (!row) {
        this.rows.insertTrainee({
          id: op.entityId,
          county_code: this.countyCode,
          ...columns,
          ...derived(put.idNumber, this.today, fast?.idCard),
          created_at: typeof op.payload.createdAt === 'string' ? op.payload.createdAt.slice(0, 40) : op.createdAt,
          updated_at: this.now,
          hlc: op.hlc,
          // No per-field stamps on a new row: a field without one carries the row's stamp (field-merge.ts),
          // which is what every field of a new row has. The JSON was a third of the row's bytes.
          field_hlc: null,
          device_id: this.deviceId,
          deleted_at: null,
          delete_reason: null,
        });
      } else {
        await this.mergeTrainee(op, row, columns);
      }
      // The number is new to this county unless this very row already had it, live.
      await this.flagOtherCounties(put.idNumber, !row || row.deleted_at !== null || row.id_number !== put.idNumber);
      return APPLIED;
    }
    if (!row) return reject('NOT_FOUND', NOT_FOUND);
    if (op.op === 'patch') {
      const parsed = parseTraineePatch(op.payload);
      if (!parsed.success) return reject('VALIDATION', `学员信息修改有误：${firstIssue(parsed.error)}。请在学员登记中改正后再同步`);
      const patch = parsed.data;
      if (patch.idNumber && patch.idNumber !== row.id_number && (await this.registeredByAnotherPc(patch.idNumber, op.entityId))) {
        return reject('CONFLICT', DUPLICATE_IN_COUNTY);
      }
      const written = await this.mergeTrainee(op, row, patchColumns(TRAINEE_COLUMNS, patch as Record<string, unknown>));
      if (typeof written.id_number === 'string') await this.flagOtherCounties(written.id_number, written.id_number !== row.id_number);
      return APPLIED;
    }
    const reason = typeof op.payload.reason === 'string' ? op.payload.reason.slice(0, 200) : null;
    await this.mergeTrainee(op, row, { deleted_at: this.now, delete_reason: reason });
    return APPLIED;
  }

  /** Writes the fields this op wins, keeps what it loses (see field-merge.ts); returns the fields written. */
  private async mergeTrainee(op: SyncOp, row: TraineeRow, columns: Columns): Promise<Columns> {
    const stored = { values: row as unknown as Columns, stamps: storedStamps(row, TRAINEE_STAMPED), rowHlc: row.hlc };
    const base = op.payload[BASE_HLC_KEY];
    const merged = mergeFields(stored, columns, op.hlc, { noConflict: ['deleted_at', 'delete_reason'], baseHlc: typeof base === 'string' ? base : undefined });
    await recordConflicts(this.trx, { countyCode: this.countyCode, entity: 'trainee', entityId: op.entityId, opId: op.opId, now: this.now }, merged.conflicts, this.feed, this.cipher);
    if (Object.keys(merged.update).length === 0) return merged.update;
    const derivedColumns = typeof merged.update.id_number === 'string' ? derived(merged.update.id_number, this.today) : {};
    await this.rows.updateTrainee(op.entityId, { ...merged.update, ...derivedColumns, updated_at: this.now, hlc: merged.rowHlc, field_hlc: JSON.stringify(merged.stamps) });
    return merged.update;
  }

  private registeredByAnotherPc(idNumber: string, traineeId: string): Promise<boolean> {
    return this.rows.numberTaken(idNumber, traineeId);
  }

  /** The seed asks to stop double subsidy claims: a number live in two counties is told to both. */
  private async flagOtherCounties(idNumber: string, joins: boolean): Promise<void> {
    await this.notices.flag(idNumber, await this.rows.otherCounties(idNumber), this.feed, joins);
  }

  private async enrolment(op: SyncOp): Promise<OpOutcome> {
    const row = await this.rows.enrolment(op.entityId);
    if (row && row.county_code !== this.countyCode) return reject('NOT_FOUND', NOT_FOUND);
    if (op.op === 'delete') {
      if (!row) return reject('NOT_FOUND', NOT_FOUND);
      await this.mergeEnrolment(op, row, { deleted_at: this.now });
      return APPLIED;
    }
    if (op.op !== 'put') return reject('VALIDATION', UNSUPPORTED);
    let e = fastEnrolmentPut(op.payload);
    if (!e) {
      const parsed = parseEnrolmentPut(op.payload);
      if (!parsed.success) return reject('VALIDATION', `培训记录有误：${firstIssue(parsed.error)}。请改正后再同步`);
      e = parsed.data;
    }
    const trainee = await this.rows.trainee(e.traineeId);
    if (!trainee || trainee.county_code !== this.countyCode) return reject('NOT_FOUND', TRAINEE_NOT_SENT);
    const columns = putColumns(ENROLMENT_COLUMNS, e as unknown as Record<string, unknown>);
    if (!row) {
      // As for trainees: a new row's fields all carry the row stamp, so none is stored per field.
      this.rows.insertEnrolment({ id: op.entityId, county_code: this.countyCode, ...columns, created_at: op.createdAt, updated_at: this.now, deleted_at: null, hlc: op.hlc, field_hlc: null });
    } else {
      await this.mergeEnrolment(op, row, columns);
    }
    return APPLIED;
  }

  private async mergeEnrolment(op: SyncOp, row: EnrolmentRow, columns: Columns): Promise<void> {
    const merged = mergeFields({ values: row, stamps: storedStamps(row, ENROLMENT_STAMPED), rowHlc: row.hlc }, columns, op.hlc, { noConflict: ['deleted_at'] });
    await recordConflicts(this.trx, { countyCode: this.countyCode, entity: 'enrolment', entityId: op.entityId, opId: op.opId, now: this.now }, merged.conflicts, this.feed, this.cipher);
    if (Object.keys(merged.update).length === 0) return;
    await this.rows.updateEnrolment(op.entityId, { ...merged.update, updated_at: this.now, hlc: merged.rowHlc, field_hlc: JSON.stringify(merged.stamps) });
  }

  private async platform(op: SyncOp): Promise<OpOutcome> {
    const row = await this.trx('platforms').where({ id: op.entityId }).first<{ county_code: string | null; hlc: string | null } | undefined>('county_code', 'hlc');
    if (row && row.county_code !== this.countyCode) return reject('NOT_FOUND', '省平台目录中的平台只能由省里修改，本机的修改未上报');
    if (op.op !== 'put') return reject('VALIDATION', UNSUPPORTED);
    const parsed = platformPutPayload.safeParse(op.payload);
    if (!parsed.success) return reject('VALIDATION', `平台信息有误：${firstIssue(parsed.error)}。请改正后再同步`);
    const p = parsed.data;
    const columns = { name: p.name, url: p.url, level: p.level, is_demo: p.isDemo ? 1 : 0, updated_at: this.now, hlc: op.hlc };
    if (!row) await this.trx('platforms').insert({ id: op.entityId, ...columns, source: 'county', county_code: this.countyCode, created_at: op.createdAt });
    else if (!row.hlc || op.hlc > row.hlc) await this.trx('platforms').where({ id: op.entityId }).update(columns);
    return APPLIED;
  }

  private async adoption(op: SyncOp): Promise<OpOutcome> {
    const parsed = adoptionPutPayload.safeParse(op.payload);
    if (op.op !== 'put' || !parsed.success) return reject('VALIDATION', parsed.success ? UNSUPPORTED : `平台采用情况有误：${firstIssue(parsed.error)}`);
    const key = { county_code: this.countyCode, platform_id: parsed.data.platformId };
    const row = await this.trx('platform_adoptions').where(key).first<{ hlc: string } | undefined>('hlc');
    if (row && op.hlc <= row.hlc) return APPLIED;
    const values = { adopted: parsed.data.adopted ? 1 : 0, in_local_directory: parsed.data.inLocalDirectory ? 1 : 0, updated_at: this.now, hlc: op.hlc };
    if (row) await this.trx('platform_adoptions').where(key).update(values);
    else await this.trx('platform_adoptions').insert({ ...key, ...values });
    return APPLIED;
  }

  /** A correction request (更正申请) of an accepted report: checked by the level state machine, then stored. */
  private async correction(op: SyncOp): Promise<OpOutcome> {
    const refused = await receiveCorrection(this.trx, this.countyCode, op, this.now);
    return refused ? reject(refused.code, refused.message) : APPLIED;
  }

  /** Entities the server does not interpret yet are kept verbatim per county, so nothing sent is lost. */
  private async generic(op: SyncOp): Promise<OpOutcome> {
    const key = { entity: op.entity, id: op.entityId };
    const row = await this.trx('county_records').where(key).first<{ county_code: string; hlc: string; payload: string } | undefined>('county_code', 'hlc', 'payload');
    if (row && row.county_code !== this.countyCode) return reject('NOT_FOUND', NOT_FOUND);
    const previous = row ? (JSON.parse(row.payload) as Record<string, unknown>) : {};
    // Judged against the stored row before the stamp check: a refused edit is told as refused.
    const refused = await reportOpRefusal(this.trx, this.countyCode, op, row ? { countyCode: row.county_code, payload: previous } : null);
    if (refused) return reject(refused.code, refused.message);
    if (row && op.hlc <= row.hlc) return APPLIED;
    const payload = op.op === 'patch' ? { ...previous, ...op.payload } : op.op === 'put' ? op.payload : previous;
    const ruleProblem = op.entity === REPORT_ENTITY && op.op !== 'delete' ? await submissionRulesProblem(this.trx, this.countyCode, payload) : null;
    if (ruleProblem) return reject('VALIDATION', ruleProblem);
    const values = { payload: JSON.stringify(payload), ...reportIndexColumns(op.entity, payload), hlc: op.hlc, updated_at: this.now, deleted_at: op.op === 'delete' ? this.now : null };
    if (row) await this.trx('county_records').where(key).update(values);
    else await this.trx('county_records').insert({ ...key, county_code: this.countyCode, ...values });
    if (op.entity === 'dispatch_report') {
      await recordCountySubmission(this.trx, this.countyCode, op.entityId, previous, payload, this.now);
      await reconcileReportCodes(this.trx, this.countyCode, payload, this.now);
    }
    return APPLIED;
  }
}

/** The fields an op writes (the field tables less what is derived), each merged by its own stamp. */
const TRAINEE_COLUMNS = writableFields(TRAINEE_TABLE);
const ENROLMENT_COLUMNS = writableFields(ENROLMENT_TABLE);
/** The columns a put writes, each stamped with the row's stamp when the row is new. */
const TRAINEE_STAMPED = TRAINEE_COLUMNS.map((f) => f.column);
const ENROLMENT_STAMPED = ENROLMENT_COLUMNS.map((f) => f.column);

/**
 * The per-field stamps of a stored row. A row never merged into has none stored (field_hlc null): all
 * its fields carry the stamp it was written with, which is still the row's stamp. They are spelled out
 * here, before the first merge raises the row's stamp, so a field this op does not touch keeps its own.
 */
function storedStamps(row: { field_hlc: string | null; hlc: string }, fields: readonly string[]): Record<string, string> {
  if (row.field_hlc === null) return Object.fromEntries(fields.map((field) => [field, row.hlc]));
  return parseStamps(row.field_hlc);
}

function derived(idNumber: string, today: string, checked?: Extract<IdCardResult, { ok: true }>): { birth_date: string; sex: string } {
  if (checked) return { birth_date: checked.value.birthDate, sex: checked.value.sex };
  // The batch's date; a batch running past midnight may meet a number the schema checked against the next day.
  let parsed = parseIdNumber(idNumber, { today });
  if (!parsed.ok) parsed = parseIdNumber(idNumber);
  // The payload schema already validated the number; this cannot fail for it.
  if (!parsed.ok) throw new Error('ID number validated twice with different results');
  return { birth_date: parsed.value.birthDate, sex: parsed.value.sex };
}

/** A put's columns: every writable field, a field left out of the payload stored as null. */
function putColumns(table: readonly SyncedField[], put: Record<string, unknown>): Columns {
  const out: Columns = {};
  for (const spec of table) out[spec.column] = spec.codec.toColumn(put[spec.field] ?? null);
  return out;
}

/** A patch's columns: only the fields it carries. */
function patchColumns(table: readonly SyncedField[], patch: Record<string, unknown>): Columns {
  const out: Columns = {};
  for (const spec of table) if (patch[spec.field] !== undefined) out[spec.column] = spec.codec.toColumn(patch[spec.field]);
  return out;
}
