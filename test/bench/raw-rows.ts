/**
 * The one builder of raw trainee rows for the benchmarks' fills and floors: the columns exactly as the
 * repository writes them (numbers sealed with their blind indexes, name initials), so a column added to the
 * store is added here once, not in every benchmark. Raw rows skip the services (no audit, no outbox,
 * no checksum check): that is their point. Without a cipher the numbers stay clear and unindexed (the
 * "plain" variant of a benchmark, and the floor).
 */
import { uuidV7 } from '../../src-main/core/uuid-v7';
import { nameInitials } from '../../src-main/core/name-initials';
import { sealTraineeColumns } from '../../src-main/core/db/trainee-sealing';
import type { PersonalDataCipher } from '../../src-main/core/secrets/personal-data';

export interface RawTraineeInput {
  idNumber: string;
  name: string;
  phone: string;
  ruralHukou?: boolean;
  registeredAt?: string;
  /** Soft-deleted at `now`. */
  deleted?: boolean;
  id?: string;
}

export function rawTraineeRow(input: RawTraineeInput, now: string, countyCode = '230102', cipher?: PersonalDataCipher): Record<string, unknown> {
  const row = {
    id: input.id ?? uuidV7(),
    county_code: countyCode,
    id_number: input.idNumber,
    name: input.name,
    name_initials: nameInitials(input.name),
    phone: input.phone,
    rural_hukou: input.ruralHukou === false ? 0 : 1,
    registered_at: input.registeredAt ?? '2020-04-01',
    platform_id: null,
    note: null,
    birth_date: '1990-01-01',
    sex: 'M',
    created_at: now,
    updated_at: now,
    created_by: null,
    updated_by: null,
    deleted_at: input.deleted ? now : null,
    delete_reason: null,
    hlc: null,
  };
  return cipher ? sealTraineeColumns(cipher, row) : row;
}
