/**
 * The one builder of raw trainee rows for the benchmarks' fills and floors: the columns exactly as the
 * repository writes them (reversed numbers for suffix search, name initials), so a column added to the
 * store is added here once, not in every benchmark. Raw rows skip the services (no audit, no outbox,
 * no checksum check): that is their point.
 */
import { uuidV7 } from '../../src-main/core/uuid-v7';
import { nameInitials } from '../../src-main/core/name-initials';
import { reverse } from '../../src-main/core/db/repositories/trainee-repository';

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

export function rawTraineeRow(input: RawTraineeInput, now: string, countyCode = '230102'): Record<string, unknown> {
  return {
    id: input.id ?? uuidV7(),
    county_code: countyCode,
    id_number: input.idNumber,
    id_number_rev: reverse(input.idNumber),
    name: input.name,
    name_initials: nameInitials(input.name),
    phone: input.phone,
    phone_rev: reverse(input.phone),
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
}
