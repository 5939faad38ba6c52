/** Turns stored trainee rows into the contract's Trainee, deriving what the ID number encodes. */
import { livingAllowanceEligibility, type PersonCategory } from '../../../src-shared/domain/categories';
import { todayIso } from '../../../src-shared/domain/dates';
import { ageOn, maskIdNumber } from '../../../src-shared/domain/id-card';
import { maskPhone } from '../../../src-shared/domain/phone';
import { regionNameForIdCode } from '../../../src-shared/domain/units';
import type { Trainee } from '../../../src-shared/schemas/trainee';
import type { TraineeRow } from '../db/repositories/trainee-repository';

export interface TraineeExtras {
  categories: PersonCategory[];
  platformName: string | null;
  enrolmentCount: number;
  operatorNames: Map<string, string>;
  masked: boolean;
}

export function toTrainee(row: TraineeRow, extras: TraineeExtras): Trainee {
  const ruralHukou = row.rural_hukou === 1;
  return {
    id: row.id,
    countyCode: row.county_code,
    idNumber: extras.masked ? maskIdNumber(row.id_number) : row.id_number,
    idNumberMasked: extras.masked,
    name: row.name,
    phone: extras.masked ? maskPhone(row.phone) : row.phone,
    categories: extras.categories,
    ruralHukou,
    registeredAt: row.registered_at,
    platformId: row.platform_id,
    platformName: extras.platformName,
    note: row.note,
    birthDate: row.birth_date,
    sex: row.sex,
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

/**
 * Stored columns -> the contract's field names: used for sync patches (the same names as a put)
 * and to present the audit log. Columns not listed (reversed numbers, initials) are local search
 * helpers and never leave the PC.
 */
export const TRAINEE_COLUMN_FIELDS: Readonly<Record<string, string>> = {
  id_number: 'idNumber',
  name: 'name',
  phone: 'phone',
  rural_hukou: 'ruralHukou',
  registered_at: 'registeredAt',
  platform_id: 'platformId',
  note: 'note',
  birth_date: 'birthDate',
  sex: 'sex',
};

/** The fields a trainee carries to the provincial server (and into the audit log on change). */
export function syncPayload(row: TraineeRow, categories: PersonCategory[]): Record<string, unknown> {
  return {
    id: row.id,
    countyCode: row.county_code,
    idNumber: row.id_number,
    name: row.name,
    phone: row.phone,
    categories,
    ruralHukou: row.rural_hukou === 1,
    registeredAt: row.registered_at,
    platformId: row.platform_id,
    note: row.note,
    birthDate: row.birth_date,
    sex: row.sex,
    createdAt: row.created_at,
  };
}
