/**
 * Two different valid values for every field of a field table, chosen by the field's codec kind, so the
 * tests that walk the tables need no hand list of fields: a new field with a known kind gets its samples
 * here for free; a new kind fails loudly until it is given two.
 */
import type { FieldCodec, SyncedField } from '../../src-shared/fields/field-spec';
import { validIdNumber } from './temp-app';

export interface SampleRefs {
  /** Ids of two rows the field may point at (platforms on the PC, say). */
  references: readonly [string, string];
}

const BY_KIND: Record<FieldCodec['kind'], (refs: SampleRefs) => readonly [unknown, unknown] | null> = {
  text: () => ['样例甲', '样例乙'],
  optionalText: () => ['样例说明甲', '样例说明乙'],
  date: () => ['2020-04-02', '2021-05-06'],
  // After both start dates: an end date may not be before its start.
  optionalDate: () => ['2022-04-09', '2022-05-10'],
  flag: () => [true, false],
  // null (待补充) is a value of its own, so it is one of the two.
  optionalFlag: () => [true, null],
  reference: (r) => r.references,
  requiredReference: (r) => r.references,
  idNumber: () => [validIdNumber('19900101', 123), validIdNumber('19851203', 246)],
  phone: () => ['13800138000', '0451-12345678'],
  // In code order: the PC reads a trainee's categories back sorted.
  categories: () => [['rural_migrant'], ['poverty_registered', 'unemployed']],
  hours: () => [8, 12.5],
  // Derived from another field: never written directly.
  derived: () => null,
};

/** [first, second] values per writable field. */
export function fieldSamples(table: readonly SyncedField[], refs: SampleRefs): Map<string, readonly [unknown, unknown]> {
  const out = new Map<string, readonly [unknown, unknown]>();
  for (const spec of table) {
    const samples = BY_KIND[spec.codec.kind](refs);
    if (samples) out.set(spec.field, samples);
  }
  return out;
}

/** A payload holding sample `which` (0 or 1) of every writable field. */
export function samplePayload(samples: ReadonlyMap<string, readonly [unknown, unknown]>, which: 0 | 1): Record<string, unknown> {
  return Object.fromEntries([...samples].map(([field, pair]) => [field, pair[which]]));
}
