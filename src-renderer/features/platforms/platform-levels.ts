import type { PlatformLevel } from '../../../src-shared/schemas/reference';

/** The three groups of the dispatch table's platform columns, in the table's order. */
export const PLATFORM_LEVEL_LABELS: ReadonlyArray<{ level: PlatformLevel; label: string }> = [
  { level: 'national', label: '部推荐' },
  { level: 'province', label: '面向全省' },
  { level: 'city', label: '面向地市' },
];
