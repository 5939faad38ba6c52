import type { ProcedureInput } from '../../../src-shared/contract';
import type { PersonCategory } from '../../../src-shared/domain/categories';
import type { Trainee } from '../../../src-shared/schemas/trainee';
import { chinaToday } from '../../../src-shared/format/china-time';
import { isoOrTyped } from '../../../src-shared/domain/typed-date';

/** What the trainee form holds; 注册日期 is the text as typed until it is read as 'YYYY-MM-DD'. */
export interface TraineeFormValues {
  idNumber?: string;
  name?: string;
  phone?: string;
  categories?: PersonCategory[];
  /** null: 待补充 (a roster without the column); the form asks for it. */
  ruralHukou?: boolean | null;
  platformId?: string | null;
  registeredAt?: string | null;
  note?: string | null;
}

export type TraineeInput = ProcedureInput<'trainees.create'>;

/** Form fields in the order Enter walks through them; also the names server errors may point at. */
export const TRAINEE_FIELDS = [
  'idNumber',
  'name',
  'phone',
  'categories',
  'ruralHukou',
  'platformId',
  'registeredAt',
  'note',
] as const satisfies ReadonlyArray<keyof TraineeFormValues & keyof TraineeInput>;

export function emptyTraineeValues(kept: Partial<TraineeFormValues> = {}): TraineeFormValues {
  return {
    idNumber: '',
    name: '',
    phone: '',
    categories: [],
    ruralHukou: undefined,
    platformId: null,
    // Today in China, not the PC's UTC day (before 08:00 that was yesterday).
    registeredAt: chinaToday(),
    note: '',
    ...kept,
  };
}

/** 保存并新增 keeps what the next trainee of a batch most likely shares. */
export function keptForNext(values: TraineeFormValues): Partial<TraineeFormValues> {
  return { platformId: values.platformId ?? null, categories: values.categories ?? [], ruralHukou: values.ruralHukou };
}

/** The form has been validated, but the server validates again: missing values are sent as they are. */
export function toTraineeInput(values: TraineeFormValues): TraineeInput {
  const note = values.note?.trim() ?? '';
  return {
    idNumber: values.idNumber ?? '',
    name: values.name ?? '',
    phone: values.phone ?? '',
    categories: values.categories ?? [],
    // Not chosen stays unknown (待补充), as in an import: never a guess.
    ruralHukou: values.ruralHukou ?? null,
    platformId: values.platformId ?? null,
    registeredAt: isoOrTyped(values.registeredAt),
    note: note === '' ? null : note,
  };
}

export function fromTrainee(trainee: Trainee): TraineeFormValues {
  return {
    idNumber: trainee.idNumber,
    name: trainee.name,
    phone: trainee.phone,
    categories: trainee.categories,
    ruralHukou: trainee.ruralHukou,
    platformId: trainee.platformId,
    registeredAt: trainee.registeredAt,
    note: trainee.note ?? '',
  };
}

/** Only the fields the clerk changed, so an edit never rewrites what someone else changed meanwhile. */
export function changedFields(before: TraineeInput, after: TraineeInput): Partial<TraineeInput> {
  const patch: Partial<TraineeInput> = {};
  for (const key of TRAINEE_FIELDS) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) copyField(patch, after, key);
  }
  return patch;
}

function copyField<K extends keyof TraineeInput>(target: Partial<TraineeInput>, source: TraineeInput, key: K): void {
  target[key] = source[key];
}

