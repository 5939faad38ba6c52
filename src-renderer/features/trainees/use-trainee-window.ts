import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ProcedureOutput } from '../../../src-shared/contract';
import type { Trainee } from '../../../src-shared/schemas/trainee';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { TraineeListInput } from './trainee-list-filter';

/** Rows per request: a screen shows ~15, so one request covers a long stretch of scrolling. */
export const LIST_PAGE_SIZE = 200;
/** Rows fetched beyond the visible ones on either side, so a slow scroll never meets an empty row. */
const MARGIN_ROWS = 60;

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
  /** One entry per matching trainee; the ones not fetched yet are placeholders. */
  rows: ListRow[];
  /** Where a row (by its key) sits in `rows`. */
  indexOf: (rowKey: string) => number | undefined;
  total: number | null;
  /** The rows still belong to the previous search while the new one loads. */
  stale: boolean;
  fetching: boolean;
  error: unknown;
  /** Tells which rows are on screen; the pages that hold them (and a margin) are fetched. */
  showRange: (first: number, last: number) => void;
}

/**
 * A list of any length, fetched in pages of LIST_PAGE_SIZE as the clerk scrolls. Every page is a
 * query of its own, keyed by the search and the page, so an answer that arrives late for an older
 * search can never land in the newer one. Page 1 is always kept: it carries the total.
 */
export function useTraineeWindow(query: ListQuery): TraineeWindow {
  const key = JSON.stringify(query);
  const [wanted, setWanted] = useState<{ key: string; pages: number[] }>({ key, pages: [1] });
  const pages = wanted.key === key ? wanted.pages : [1];
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: queryKeys.traineeList({ ...query, page, pageSize: LIST_PAGE_SIZE }),
      queryFn: () => invoke('trainees.list', { ...query, page, pageSize: LIST_PAGE_SIZE }),
    })),
  });
  const datas = results.map((r) => r.data);
  const signature = `${key}|${pages.join(',')}|${results.map((r) => r.dataUpdatedAt).join(',')}`;
  // Keyed by the signature (not by `pages`/`datas`, new arrays each render): rebuilt only when a
  // page arrives or the view changes.
  const built = useMemo(() => buildRows(pages, datas), [signature]);

  const lastShown = useRef<Built | null>(null);
  const current = built.total === null ? null : built;
  if (current) lastShown.current = current;
  const shown = current ?? lastShown.current;

  const showRange = useCallback(
    (first: number, last: number) => {
      const needed = pagesFor(first, last);
      setWanted((prev) => {
        if (prev.key === key && sameNumbers(prev.pages, needed)) return prev;
        return { key, pages: needed };
      });
    },
    [key],
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

function pagesFor(first: number, last: number): number[] {
  const from = Math.max(0, first - MARGIN_ROWS);
  const to = Math.max(from, last + MARGIN_ROWS);
  const pages = new Set<number>([1]);
  for (let page = Math.floor(from / LIST_PAGE_SIZE) + 1; page <= Math.floor(to / LIST_PAGE_SIZE) + 1; page++) pages.add(page);
  return [...pages].sort((a, b) => a - b);
}

function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** Placeholders are shared between builds: a 100,000-row view must not allocate 100,000 objects each time. */
const placeholders: PlaceholderRow[] = [];
function placeholderAt(index: number): PlaceholderRow {
  placeholders[index] ??= { id: `loading-${index}`, placeholder: true };
  return placeholders[index];
}

interface Built {
  rows: ListRow[];
  total: number | null;
  /** Row key -> position, for the fetched rows only; a placeholder's key carries its position. */
  index: Map<string, number>;
}

function buildRows(pages: number[], datas: Array<Page | undefined>): Built {
  const total = datas.find((d) => d !== undefined)?.total ?? null;
  const index = new Map<string, number>();
  if (total === null || datas[pages.indexOf(1)] === undefined) return { rows: [], total: null, index };
  const rows: ListRow[] = new Array<ListRow>(total);
  for (let i = 0; i < total; i++) rows[i] = placeholderAt(i);
  pages.forEach((page, k) => {
    const items = datas[k]?.items ?? [];
    const start = (page - 1) * LIST_PAGE_SIZE;
    items.forEach((item, j) => {
      if (start + j >= total) return;
      rows[start + j] = item;
      index.set(item.id, start + j);
    });
  });
  return { rows, total, index };
}

/** The position of a row from its key: fetched rows by lookup, placeholders from their own key. */
export function rowPosition(rowKey: string, indexOf: (rowKey: string) => number | undefined): number | undefined {
  const placeholder = /^loading-(\d+)$/.exec(rowKey);
  return placeholder ? Number(placeholder[1]) : indexOf(rowKey);
}

function firstError(results: UseQueryResult[]): unknown {
  return results.find((r) => r.isError)?.error ?? null;
}
