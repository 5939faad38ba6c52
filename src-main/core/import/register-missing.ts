/**
 * 同时登记这些学员: a training record whose ID number is not registered on this PC registers its trainee with it,
 * when the row carries what the entry form requires (the one rule set, traineeCreateInput): 姓名, 身份证号, 联系电话
 * and 注册日期; 人员类别 and 户籍 may stay 待补充 as in any import. A record sheet rarely has a 注册日期 column: the
 * record's 开始日期 stands in (a learner is registered on the platform by the day the course starts), and the
 * record's platform is the registration platform. Rows lacking a field stay errors naming it.
 *
 * The trainee's id is chosen here, so the records can name it before it is written; the commit writes the
 * registrations and then the records in one transaction (commit.ts).
 */
import { maskIdNumber } from '../../../src-shared/domain/id-card';
import type { ImportDryRun } from '../../../src-shared/schemas/import';
import { uuidV7 } from '../uuid-v7';
import type { TraineeCreateWithId } from '../services/trainee-service';
import type { ColumnMap } from './headers';
import { parseTraineeRow, type CellProblem, type Directory, type EnrolmentDraft } from './row-parse';
import type { RawCell } from './sheet-source';

export type Registration = TraineeCreateWithId & { id: string };

/** What became of a row whose trainee is not registered: linked to a trainee to register, or its problems. */
export type MissingTraineeOutcome = { ok: true; traineeId: string; registers: string | null } | { ok: false; problems: CellProblem[] };

export class MissingTrainees {
  /** One per distinct ID number, in the order of their first complete row. */
  readonly registrations: Registration[] = [];
  /** Every registrable ID number (registered or not, as chosen), with the row that gives its registration. */
  private readonly byIdNumber = new Map<string, { registration: Registration; row: number }>();
  private rows = 0;
  private registrableRows = 0;
  private lackingRows = 0;
  /** The sheet's columns without the training platform: the record has read it (and counted it in its value group). */
  private readonly map: ColumnMap;

  constructor(
    map: ColumnMap,
    private readonly directory: Directory,
    /** The clerk chose to register them (registerMissing); otherwise registrable rows are refused, saying they could be. */
    readonly register: boolean,
  ) {
    this.map = { ...map, fields: map.fields.map((f) => (f === 'platform' ? null : f)) };
  }

  /** A row whose ID number no trainee of this PC has. */
  take(row: number, raw: readonly RawCell[], draft: EnrolmentDraft): MissingTraineeOutcome {
    this.rows += 1;
    const unregistered = `身份证号 ${maskIdNumber(draft.idNumber)} 的学员还没有在本单位登记。`;
    const known = this.byIdNumber.get(draft.idNumber);
    if (known) {
      // A later record of a trainee an earlier row registers: the same person, or a wrong number or name.
      const name = draft.name?.replace(/\s+/g, '');
      if (name && name !== known.registration.name.replace(/\s+/g, '')) {
        this.lackingRows += 1;
        return { ok: false, problems: [{ field: 'name', reason: `姓名“${draft.name}”与第 ${known.row} 行同一身份证号的姓名“${known.registration.name}”不一致。请核对身份证号或姓名是否填错。` }] };
      }
      this.registrableRows += 1;
      return this.register ? { ok: true, traineeId: known.registration.id, registers: null } : { ok: false, problems: [{ field: 'idNumber', reason: `${unregistered}${CAN_REGISTER}` }] };
    }
    const parsed = this.parseRegistration(row, raw, draft);
    if (!parsed.ok) {
      this.lackingRows += 1;
      const lacking = parsed.problems.map((p) => ({ field: p.field, reason: `要同时登记这名学员：${p.reason}` }));
      return { ok: false, problems: [{ field: 'idNumber', reason: `${unregistered}这一行缺少登记所需的内容（见同一行的其他错误），补齐后可选择“同时登记这些学员”，或先导入学员名单。` }, ...lacking] };
    }
    this.registrableRows += 1;
    const registration: Registration = { ...parsed.value, id: uuidV7() };
    this.byIdNumber.set(draft.idNumber, { registration, row });
    if (!this.register) return { ok: false, problems: [{ field: 'idNumber', reason: `${unregistered}${CAN_REGISTER}` }] };
    this.registrations.push(registration);
    return { ok: true, traineeId: registration.id, registers: registration.registeredAt };
  }

  /** The row read as the entry form's registration: its own 注册日期 column, else the record's 开始日期. */
  private parseRegistration(row: number, raw: readonly RawCell[], draft: EnrolmentDraft) {
    const fill = { ...this.directory.fill, platform: null, ...(this.map.fields.includes('registeredAt') ? {} : { registeredAt: draft.startDate }) };
    const parsed = parseTraineeRow(this.map, raw, { ...this.directory, fill }, row);
    if (!parsed.ok) return parsed;
    // The training platform read for the record is the registration platform (a row names one platform).
    return { ok: true as const, value: { ...parsed.value, platformId: draft.platformId } };
  }

  /** The dry run's group, or null when every record names a registered trainee. */
  summary(): ImportDryRun['unregistered'] {
    if (this.rows === 0) return null;
    return {
      title: `${this.rows} 行的学员尚未登记`,
      rows: this.rows,
      registrable: this.registrableRows,
      trainees: this.byIdNumber.size,
      lacking: this.lackingRows,
      register: this.register,
    };
  }
}

const CAN_REGISTER = '这一行有登记所需的内容，可以选择“同时登记这些学员”，或先导入学员名单。';
