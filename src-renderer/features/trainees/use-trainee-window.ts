import { useQueries, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ProcedureOutput } from '../../../src-shared/contract';
import type { Trainee } from '../../../src-shared/schemas/trainee';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { TraineeListInput } from './trainee-list-filter';

/** Rows per request: a screen shows ~12, so one request covers a long stretch of scrolling. */
export const LIST_PAGE_SIZE = 200;
/** The next page is asked for this many rows before the clerk reaches the end of what is loaded. */
const MARGIN_ROWS = 80;

export interface PlaceholderRow {
  id: string;
  placeholder: true;
}
export type ListRow = Trainee | PlaceholderRow;

export function isPlaceholder(row: ListRow): row is PlaceholderRow {
  return 'placeholder' in row;
}

type ListQuery = Omit<TraineeListInput, 'page' | 'pageSize'>;
type Page = ProcedureOutput<'trainees.list'>;

export interface TraineeWindow {
  /** The rows loaded so far, from the first, and one placeholder row when more follow. */
  rows: ListRow[];
  /** Where a row (by its key) sits in `rows`. */
  indexOf: (rowKey: string) => number | undefined;
  /** How many trainees match, loaded or not. */
  total: number | null;
  /** The rows still belong to the previous search while the new one loads. */
  stale: boolean;
  fetching: boolean;
  error: unknown;
  /** Tells which rows are on screen; the pages up to them (and a margin) are fetched. */
  showRange: (first: number, last: number) => void;
}

/**
 * A list of any length, fetched in pages of LIST_PAGE_SIZE as the clerk scrolls towards its end.
 * Only the loaded rows go to the table: antd's Table walks its whole data on every change, which
 * for 100,000 placeholder rows alone cost more than the whole first-paint budget. Every page is a
 * query of its own, keyed by the search and the page number, so an answer that arrives late for an
 * older search can never land in the newer one.
 */
export function useTraineeWindow(query: ListQuery): TraineeWindow {
  const key = JSON.stringify(query);
  const [wanted, setWanted] = useState<{ key: string; pageCount: number }>({ key, pageCount: 1 });
  const pageCount = wanted.key === key ? wanted.pageCount : 1;
  const pages = Array.from({ length: pageCount }, (_unused, i) => i + 1);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: queryKeys.traineeList({ ...query, page, pageSize: LIST_PAGE_SIZE }),
      queryFn: () => invoke('trainees.list', { ...query, page, pageSize: LIST_PAGE_SIZE }),
      // A list scrolled far holds hundreds of pages: they are let go as soon as the screen or the
      // search changes. Coming back fetches page 1 afresh, which takes tens of milliseconds.
      gcTime: 0,
    })),
  });
  const datas = results.map((r) => r.data);
  const signature = `${key}|${results.map((r) => r.dataUpdatedAt).join(',')}`;
  // Keyed by the signature (not by `datas`, a new array each render): rebuilt only when a page arrives.
  const built = useMemo(() => buildRows(datas), [signature]);

  const lastShown = useRef<Built | null>(null);
  const current = built.total === null ? null : built;
  if (current) lastShown.current = current;
  const shown = current ?? lastShown.current;
  const total = current?.total ?? null;

  const showRange = useCallback(
    (_first: number, last: number) => {
      const needed = Math.floor((last + MARGIN_ROWS) / LIST_PAGE_SIZE) + 1;
      const available = total === null ? 1 : Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
      const next = Math.min(needed, available);
      setWanted((prev) => {
        const have = prev.key === key ? prev.pageCount : 1;
        return next > have ? { key, pageCount: next } : prev;
      });
    },
    [key, total],
  );

  return {
    rows: shown?.rows ?? [],
    indexOf: (rowKey) => shown?.index.get(rowKey),
    total: shown?.total ?? null,
    stale: current === null && shown !== null,
    fetching: results.some((r) => r.isFetching),
    error: firstError(results),
    showRange,
  };
}

interface Built {
  rows: ListRow[];
  total: number | null;
  /** Row key -> position. */
  index: Map<string, number>;
}

/** Pages in order, up to the first one not here yet; a placeholder row stands for the rest. */
function buildRows(datas: Array<Page | undefined>): Built {
  const index = new Map<string, number>();
  const total = datas[0]?.total ?? null;
  if (total === null) return { rows: [], total: null, index };
  const rows: ListRow[] = [];
  for (const data of datas) {
    if (!data) break;
    for (const item of data.items) {
      if (rows.length >= total) break;
      index.set(item.id, rows.length);
      rows.push(item);
    }
  }
  if (rows.length < total) {
    const placeholder: PlaceholderRow = { id: `loading-${rows.length}`, placeholder: true };
    index.set(placeholder.id, rows.length);
    rows.push(placeholder);
  }
  return { rows, total, index };
}

/**
 * Starts fetching the first page of a list before the screen has finished rendering (the entry
 * form and the table take a few hundred milliseconds to mount on a slow PC); the list's own query
 * then finds the answer in the cache or in flight.
 */
export function prefetchFirstPage(queryClient: QueryClient, query: ListQuery): void {
  const input = { ...query, page: 1, pageSize: LIST_PAGE_SIZE };
  void queryClient.prefetchQuery({
    queryKey: queryKeys.traineeList(input),
    queryFn: () => invoke('trainees.list', input),
    // Long enough to survive until the list subscribes.
    gcTime: 10_000,
  });
}

function firstError(results: UseQueryResult[]): unknown {
  return results.find((r) => r.isError)?.error ?? null;
}
