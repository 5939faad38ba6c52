import type { BoardRow, BoardStatus } from '../../../src-shared/staff-api';

export interface BoardFilter {
  status: BoardStatus | null;
  /** Part of the county's name. */
  text: string;
  staleOnly: boolean;
}

export const NO_FILTER: BoardFilter = { status: null, text: '', staleOnly: false };

export function filterBoard(rows: readonly BoardRow[], filter: BoardFilter): BoardRow[] {
  const text = filter.text.trim();
  return rows.filter((r) => (!filter.status || r.status === filter.status) && (!filter.staleOnly || r.syncStale) && (!text || r.countyName.includes(text) || r.countyCode.startsWith(text)));
}
