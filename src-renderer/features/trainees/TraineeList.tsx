import { Card, Flex, Table, Typography, type GetRef } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type UIEvent } from 'react';
import { messageOf } from '../../api/rpc-error';
import { fitColumns } from '../../shared/fit-columns';
import { useDebouncedValue } from '../../shared/use-debounced-value';
import { useElementSize } from '../../shared/use-element-size';
import { selectionColumn, SORT_FIELDS, TICK_COLUMN_WIDTH, traineeColumns } from './trainee-columns';
import { DEFAULT_SORT, EMPTY_FILTER, isFiltered, toListQuery, type TraineeFilterValues, type TraineeSort } from './trainee-list-filter';
import { TraineeFilters } from './TraineeFilters';
import { isPlaceholder, useTraineeWindow, type ListRow } from './use-trainee-window';
import { formatCount } from '../../../src-shared/format/numbers';

/**
 * Short on purpose: results must show within 100 ms of the last keystroke (the UI benchmark: 80 ms
 * p50 at 100,000 trainees with 20 ms, 109 ms with 50 ms). The delay only merges a paste or a burst
 * of keys; answers of a search the clerk typed past are never shown (each search is its own query),
 * and a lookup costs the main side a few milliseconds.
 */
const SEARCH_DELAY_MS = 20;
/** The table's header row (small size), above the scrolling body. */
const HEADER_HEIGHT = 40;
/** Room kept for the virtual list's own scroll bar. */
const SCROLLBAR_WIDTH = 12;
/** Until the body is measured (the first frame), and the least the list is given on a very short window. */
const MIN_BODY_HEIGHT = 120;

/** What the list asks first: no search, no filter, newest first. */
export const INITIAL_LIST_QUERY = toListQuery('', EMPTY_FILTER, DEFAULT_SORT);

interface Props {
  onOpen: (id: string) => void;
  /** The row saved last is highlighted so the clerk sees where it went. */
  highlightId: string | null;
  selectedIds: string[];
  onSelectionChange: (ids: string[]) => void;
  /** Actions on the selected trainees, shown in the card header. */
  selectionActions: ReactNode;
}

/** The county's trainees: any number of them, scrolled through smoothly, searched and filtered on the main side. */
export function TraineeList({ onOpen, highlightId, selectedIds, onSelectionChange, selectionActions }: Props) {
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<TraineeFilterValues>(EMPTY_FILTER);
  const [sort, setSort] = useState<TraineeSort>(DEFAULT_SORT);
  const query = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const listQuery = useMemo(() => toListQuery(query, filter, sort), [query, filter, sort]);
  const view = useTraineeWindow(listQuery);
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);
  const toggle = (id: string) =>
    onSelectionChange(selected.has(id) ? selectedIds.filter((s) => s !== id) : [...selectedIds, id]);
  const toggleRef = useRef(toggle);
  toggleRef.current = toggle;
  // The list's body is measured: its height for the virtual rows, its width for the columns that fit.
  const [bodyRef, bodySize] = useElementSize<HTMLDivElement>();
  const tableWidth = (bodySize?.width ?? 0) - SCROLLBAR_WIDTH;
  // The data columns stay the same objects while only the ticks change; the tick column reads them.
  const tickColumn = useMemo(() => selectionColumn(selected, (id) => toggleRef.current(id)), [selected]);
  const dataColumns = useMemo(() => fitColumns(traineeColumns(sort), tableWidth - TICK_COLUMN_WIDTH), [sort, tableWidth]);
  const columns = useMemo(() => [tickColumn, ...dataColumns], [tickColumn, dataColumns]);
  const bodyHeight = Math.max(MIN_BODY_HEIGHT, (bodySize?.height ?? 0) - HEADER_HEIGHT);
  const table = useRef<GetRef<typeof Table<ListRow>>>(null);

  // A new search starts at its first row.
  const queryKey = JSON.stringify(listQuery);
  useEffect(() => table.current?.scrollTo({ top: 0 }), [queryKey]);

  /**
   * Which rows are on screen is read from the rows the virtual list drew, once it has drawn them
   * (the next frame), rather than computed from scrollTop: row heights vary by a few pixels.
   */
  const onScroll = (event: UIEvent<HTMLElement>) => {
    const holder = event.currentTarget;
    const check = () => {
      const drawn = [...holder.querySelectorAll<HTMLElement>('[data-row-key]')]
        .map((row) => view.indexOf(row.dataset.rowKey ?? ''))
        .filter((position): position is number => position !== undefined);
      if (drawn.length > 0) view.showRange(Math.min(...drawn), Math.max(...drawn));
    };
    window.requestAnimationFrame(check);
    // Once more a little later: a jump of the scroll bar may be drawn after the next frame.
    window.setTimeout(check, 120);
  };

  return (
    <Card
      size="small"
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      styles={{ body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' } }}
      title={
        <Flex align="center" gap={12}>
          <span>已登记学员</span>
          <Typography.Text aria-live="polite" data-testid="trainee-total" style={{ fontWeight: 'normal' }}>
            {view.total === null ? '正在加载…' : `共 ${formatCount(view.total)} 人`}
            {view.stale ? '（正在查找…）' : ''}
          </Typography.Text>
        </Flex>
      }
      extra={selectionActions}
    >
      <Flex vertical gap={8} style={{ flex: 1, minHeight: 0 }}>
        <TraineeFilters search={search} onSearch={setSearch} filter={filter} onFilter={setFilter} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          点击一行或按回车查看、修改；空格键勾选一行，勾选多人后可一次添加同一门培训记录；↑↓ 在行间移动；点击列标题排序。
        </Typography.Text>
        {view.error !== null && <Typography.Text type="danger">{messageOf(view.error)}</Typography.Text>}
        {/* Takes the height the card has left: the list is as tall as the window, and only its rows scroll. */}
        <div ref={bodyRef} style={{ flex: 1, minHeight: MIN_BODY_HEIGHT + HEADER_HEIGHT, overflow: 'hidden' }}>
          <Table<ListRow>
            ref={table}
            virtual
            className="clickable-rows one-line-rows"
            aria-label="学员列表"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={view.rows}
            loading={view.total === null && view.error === null}
            pagination={false}
            scroll={{ x: Math.max(tableWidth, 0), y: bodyHeight }}
            onScroll={onScroll}
            onChange={(_pagination, _filters, sorter) => setSort(sortFrom(sorter))}
            showSorterTooltip={false}
            rowClassName={(row) => (row.id === highlightId || selected.has(row.id) ? 'ant-table-row-selected' : '')}
            onRow={(row) => ({
              // The virtual body draws rows as plain divs: name them rows for assistive technology.
              role: 'row',
              tabIndex: 0,
              'aria-label': isPlaceholder(row) ? '正在加载' : row.name,
              onClick: () => !isPlaceholder(row) && onOpen(row.id),
              onKeyDown: (event: KeyboardEvent<HTMLElement>) => onRowKey(event, row, { open: onOpen, toggle }),
            })}
            locale={{ emptyText: isFiltered(query, filter) ? '没有找到符合条件的学员' : '还没有登记学员，请在右侧录入' }}
          />
        </div>
      </Flex>
    </Card>
  );
}

/** Keys on a focused row (not on the buttons and boxes inside it): Enter opens, Space ticks, arrows move. */
function onRowKey(event: KeyboardEvent<HTMLElement>, row: ListRow, actions: { open: (id: string) => void; toggle: (id: string) => void }): void {
  if (event.target !== event.currentTarget || isPlaceholder(row)) return;
  if (event.key === 'Enter') {
    actions.open(row.id);
  } else if (event.key === ' ') {
    event.preventDefault();
    actions.toggle(row.id);
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const sibling = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
    if (sibling instanceof HTMLElement) sibling.focus();
  }
}

function sortFrom(sorter: SorterResult<ListRow> | SorterResult<ListRow>[]): TraineeSort {
  const single = Array.isArray(sorter) ? sorter[0] : sorter;
  const field = single?.columnKey !== undefined ? SORT_FIELDS[String(single.columnKey)] : undefined;
  if (!field || !single?.order) return DEFAULT_SORT;
  return { field, order: single.order === 'ascend' ? 'asc' : 'desc' };
}
