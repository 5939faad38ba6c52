import type { Dayjs } from 'dayjs';
import type { ProcedureInput } from '../../../src-shared/contract';
import type { PersonCategory } from '../../../src-shared/domain/categories';

export type TraineeListInput = ProcedureInput<'trainees.list'>;
export type TraineeSortField = 'registeredAt' | 'name' | 'createdAt';
export type SortOrder = 'asc' | 'desc';

/** What the filter bar above the list holds; the search text is debounced separately. */
export interface TraineeFilterValues {
  categories: PersonCategory[];
  platformId: string | null;
  registered: [Dayjs | null, Dayjs | null] | null;
  allowance: 'all' | 'eligible' | 'not-eligible';
  /** Only trainees with 户籍 or 人员类别 still 待补充 (imported from a roster that lacked them). */
  incomplete: boolean;
}

export interface TraineeSort {
  field: TraineeSortField;
  order: SortOrder;
}

export const EMPTY_FILTER: TraineeFilterValues = { categories: [], platformId: null, registered: null, allowance: 'all', incomplete: false };
/** Newest registrations first: the clerk sees what was just typed. */
export const DEFAULT_SORT: TraineeSort = { field: 'createdAt', order: 'desc' };

/** The list query without paging; every page of one view shares it. */
export function toListQuery(search: string, filter: TraineeFilterValues, sort: TraineeSort): Omit<TraineeListInput, 'page' | 'pageSize'> {
  const [from, to] = filter.registered ?? [null, null];
  return {
    query: search === '' ? undefined : search,
    categories: filter.categories.length > 0 ? filter.categories : undefined,
    platformId: filter.platformId ?? undefined,
    registeredFrom: from ? from.format('YYYY-MM-DD') : undefined,
    registeredTo: to ? to.format('YYYY-MM-DD') : undefined,
    livingAllowanceEligible: filter.allowance === 'all' ? undefined : filter.allowance === 'eligible',
    incomplete: filter.incomplete ? true : undefined,
    sort: sort.field,
    order: sort.order,
  };
}

export function isFiltered(search: string, filter: TraineeFilterValues): boolean {
  return (
    search !== '' ||
    filter.categories.length > 0 ||
    filter.platformId !== null ||
    filter.registered !== null ||
    filter.allowance !== 'all' ||
    filter.incomplete
  );
}
