/**
 * The trainee's paper trail: revealing a masked number (itself recorded, since seeing a full ID
 * number is access to personal data) and the history of changes read back from the audit log.
 */
import { TRAINEE_INDEX_COLUMNS } from '../db/trainee-sealing';
import { personalDataOf, type PersonalDataCipher } from '../secrets/personal-data';
import type { Knex } from 'knex';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import { AppError } from '../../../src-shared/errors';
import { maskIdNumber } from '../../../src-shared/domain/id-card';
import { maskPhone } from '../../../src-shared/domain/phone';
import type { HistoryEntry } from '../../../src-shared/schemas/trainee';
import { inChangeTransaction } from '../change-set';
import { TraineeRepository } from '../db/repositories/trainee-repository';
import type { Session } from '../session';
import { TRAINEE_COLUMN_FIELDS } from './trainee-mapper';

/**
 * The audit action of a full read (trainees.get). Recorded for whoever audits the log; left out of a
 * record's history, which tells its changes and deliberate reveals (every drawer open would drown it).
 */
export const VIEW_ACTION = 'view';

interface AuditRow {
  at: string;
  operator_name: string | null;
  action: string;
  changes: string | null;
}

/** Derived columns that change with the ID number or phone; listing them would only repeat it. */
const HIDDEN_FIELDS = new Set(['id_number_rev', 'phone_rev', 'name_initials', ...TRAINEE_INDEX_COLUMNS]);

/**
 * The history answers without an audit row of its own, so the ID number and phone of a change are shown masked,
 * as in the list; the full current values stay behind trainees.get and the recorded reveal.
 */
const MASKED_FIELDS: Partial<Record<string, (value: string) => string>> = { id_number: maskIdNumber, phone: maskPhone };

function shown(field: string, value: unknown, cipher: PersonalDataCipher): unknown {
  const mask = MASKED_FIELDS[field];
  return mask && typeof value === 'string' ? mask(cipher.open(value)) : value;
}

function toHistoryEntry(row: AuditRow, cipher: PersonalDataCipher): HistoryEntry {
  const parsed = row.changes ? (JSON.parse(row.changes) as Record<string, unknown>) : {};
  const reason = typeof parsed.reason === 'string' ? parsed.reason : null;
  const changes = Object.entries(parsed)
    .filter(([field, value]) => !HIDDEN_FIELDS.has(field) && field !== 'reason' && Array.isArray(value) && value.length === 2)
    .map(([field, value]) => {
      const [before, after] = value as [unknown, unknown];
      return { field: TRAINEE_COLUMN_FIELDS[field] ?? field, before: shown(field, before, cipher), after: shown(field, after, cipher) };
    });
  if (row.action === 'reveal' && typeof parsed.field === 'string') changes.push({ field: parsed.field, before: null, after: null });
  return { at: row.at, operatorName: row.operator_name, action: row.action, changes, reason };
}

export class TraineeAuditService {
  private readonly trainees: TraineeRepository;

  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly clock: HybridLogicalClock,
  ) {
    this.trainees = new TraineeRepository(db);
  }

  async reveal(id: string, field: 'idNumber' | 'phone'): Promise<{ value: string }> {
    const actor = await this.session.actor();
    return inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
      const row = await this.trainees.findLive(id, trx);
      if (!row) throw new AppError('NOT_FOUND', '没有找到该学员，可能已被删除');
      // Audit only: a reveal changes no data, so nothing goes to the provincial server.
      changes.record({ entity: 'trainee', entityId: id, action: 'reveal', changes: { field } });
      return { value: field === 'idNumber' ? row.id_number : row.phone };
    });
  }

  async history(id: string): Promise<HistoryEntry[]> {
    const exists = await this.db('trainees').where({ id }).first('id');
    if (!exists) throw new AppError('NOT_FOUND', '没有找到该学员');
    const rows = await this.db('audit_log')
      .where({ entity: 'trainee', entity_id: id })
      .whereNot('action', VIEW_ACTION)
      .orderBy('id', 'desc')
      .limit(500)
      .select<AuditRow[]>('at', 'operator_name', 'action', 'changes');
    const cipher = personalDataOf(this.db);
    return rows.map((row) => toHistoryEntry(row, cipher));
  }
}
