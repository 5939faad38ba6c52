/**
 * What a value of the file may be mapped to, per field: the platform directory, the occupations, the ten person
 * categories, 农村/城镇. One list for the decision step and the remembered-choices editor.
 */
import { PERSON_CATEGORIES } from '../../../src-shared/domain/categories';
import type { ValueField } from '../../../src-shared/schemas/import';
import { useOccupations } from '../enrolments/use-enrolments';
import { usePlatforms } from '../platforms/use-platforms';

export interface TargetOption {
  value: string;
  label: string;
}

const HUKOU: TargetOption[] = [
  { value: 'rural', label: '农村' },
  { value: 'urban', label: '城镇' },
];
const CATEGORIES: TargetOption[] = PERSON_CATEGORIES.map((c) => ({ value: c.code, label: c.name }));

export function useValueTargets(): Record<ValueField, TargetOption[]> {
  const platforms = usePlatforms();
  const occupations = useOccupations();
  return {
    platform: (platforms.data ?? []).map((p) => ({ value: p.id, label: p.name })),
    occupation: (occupations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
    categories: CATEGORIES,
    ruralHukou: HUKOU,
  };
}

/** A choice in a Select: `map:<target>`, `new` or `empty` (Select values are strings). */
export type ChoiceValue = `map:${string}` | 'new' | 'empty';

export const ACTION_LABELS = { new: '新增为本县平台', empty: '留空（不填）' } as const;
