/** Turns stored trainee rows into the contract's Trainee, deriving what the ID number encodes. */
import { livingAllowanceEligibility, type PersonCategory } from '../../../src-shared/domain/categories';
import { todayIso } from '../../../src-shared/domain/dates';
import { ageOn, maskIdNumber } from '../../../src-shared/domain/id-card';
import { maskPhone } from '../../../src-shared/domain/phone';
import { regionNameForIdCode } from '../../../src-shared/domain/units';
import type { Trainee } from '../../../src-shared/schemas/trainee';
import type { SyncedField } from '../../../src-shared/fields/field-spec';
import { TRAINEE_TABLE, type TraineeFieldName } from '../../../src-shared/fields/trainee-fields';
import type { TraineeRow } from '../db/repositories/trainee-repository';

export interface TraineeExtras {
  categories: PersonCategory[];
  platformName: string | null;
  enrolmentCount: number;
  operatorNames: Map<string, string>;
  masked: boolean;
}

export function toTrainee(row: TraineeRow, extras: TraineeExtras): Trainee {
  const ruralHukou = row.rural_hukou === null ? null : row.rural_hukou === 1;
  return {
    id: row.id,
    countyCode: row.county_code,
    // Every synced field as the table's codec reads it; then what is masked or kept elsewhere.
    ...(fieldsOf(row) as Pick<Trainee, Exclude<TraineeFieldName, 'categories'>>),
    idNumber: extras.masked ? maskIdNumber(row.id_number) : row.id_number,
    idNumberMasked: extras.masked,
    phone: extras.masked ? maskPhone(row.phone) : row.phone,
    categories: extras.categories,
    ruralHukou,
    platformName: extras.platformName,
    age: ageOn(row.birth_date, todayIso()),
    regionName: regionNameForIdCode(row.id_number.slice(0, 6)),
    livingAllowance: livingAllowanceEligibility(extras.categories, ruralHukou),
    enrolmentCount: extras.enrolmentCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by ? (extras.operatorNames.get(row.created_by) ?? null) : null,
    updatedBy: row.updated_by ? (extras.operatorNames.get(row.updated_by) ?? null) : null,
  };
}

function fieldsOf(row: TraineeRow): Record<string, unknown> {
  const stored = row as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const spec of TRAINEE_ROW_FIELDS) out[spec.field] = spec.codec.fromColumn(stored[spec.column] ?? null);
  return out;
}

/** The synced fields kept as columns of the desktop row (categories have a table of their own). */
export const TRAINEE_ROW_FIELDS: readonly SyncedField[] = TRAINEE_TABLE.filter((f) => !('storedApart' in f && f.storedApart));

/**
 * Stored columns -> the contract's field names: used for sync patches (the same names as a put)
 * and to present the audit log. Columns not listed (reversed numbers, initials) are local search
 * helpers and never leave the PC.
 */
export const TRAINEE_COLUMN_FIELDS: Readonly<Record<string, string>> = Object.fromEntries(TRAINEE_ROW_FIELDS.map((f) => [f.column, f.field]));

const ROW_FIELD_BY_COLUMN: ReadonlyMap<string, SyncedField> = new Map(TRAINEE_ROW_FIELDS.map((f) => [f.column, f]));

/** A stored column's value as it travels in an op (1/0 -> true/false); undefined for a local-only column. */
export function payloadValue(column: string, value: unknown): unknown {
  return ROW_FIELD_BY_COLUMN.get(column)?.codec.fromColumn(value);
}

/** The fields a trainee carries to the provincial server (and into the audit log on change). */
export function syncPayload(row: TraineeRow, categories: PersonCategory[]): Record<string, unknown> {
  const stored = row as unknown as Record<string, unknown>;
  const payload: Record<string, unknown> = { id: row.id, countyCode: row.county_code };
  for (const spec of TRAINEE_TABLE) {
    payload[spec.field] = 'storedApart' in spec && spec.storedApart ? categories : spec.codec.fromColumn(stored[spec.column]);
  }
  payload.createdAt = row.created_at;
  return payload;
}
