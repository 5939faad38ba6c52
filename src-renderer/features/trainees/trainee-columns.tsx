import { Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { Trainee } from '../../../src-shared/schemas/trainee';
import type { FittedColumn } from '../../shared/fit-columns';
import { RevealableValue } from './RevealableValue';
import type { TraineeSort, TraineeSortField } from './trainee-list-filter';
import { categoryNames, sexLabel } from './trainee-labels';
import { isPlaceholder, type ListRow } from './use-trainee-window';

/** A cell of a row not fetched yet stays empty; the name column says it is loading. */
function loaded(render: (trainee: Trainee) => ReactNode): ColumnType<ListRow>['render'] {
  return (_value: unknown, row: ListRow) => (isPlaceholder(row) ? null : render(row));
}

/**
 * The table renders its cells several times while it mounts (measuring widths, fixed offsets,
 * the scroll bar); a data cell only has to render again when its row is another object. That
 * halves the work of the list's first paint.
 */
const sameRowSkips: Pick<ColumnType<ListRow>, 'shouldCellUpdate'> = {
  shouldCellUpdate: (row, previous) => row !== previous,
};

function sortable(field: TraineeSortField, sort: TraineeSort): Partial<ColumnType<ListRow>> {
  return {
    sorter: true,
    // Ascending first, then descending; a third click is not "unsorted" but back to ascending.
    sortDirections: ['ascend', 'descend', 'ascend'],
    sortOrder: sort.field === field ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
  };
}

export const TICK_COLUMN_WIDTH = 40;

/**
 * The tick box of quick mode. Not antd's rowSelection: that walks every row of the data on each
 * render (a map of checkbox props for all 100,000 placeholders), which alone cost a few hundred
 * milliseconds of the list's first paint; this column renders only for the rows on screen.
 */
export function selectionColumn(selected: ReadonlySet<string>, toggle: (id: string) => void): ColumnType<ListRow> {
  return {
    key: 'selected',
    width: TICK_COLUMN_WIDTH,
    fixed: 'left',
    render: (_value: unknown, row: ListRow) =>
      isPlaceholder(row) ? null : (
        // A native box: one per row on screen, where antd's Checkbox (wave effect, style hooks) cost
        // more than the rest of the row.
        <input
          type="checkbox"
          className="row-tick"
          checked={selected.has(row.id)}
          aria-label={`选择 ${row.name}`}
          onClick={(event) => event.stopPropagation()}
          onChange={() => toggle(row.id)}
        />
      ),
  };
}

/**
 * Columns of the trainee list, each with its width and how soon it folds away when the list is narrow
 * (fitColumns): who the trainee is first, then 补贴 and 注册平台 (what the clerk checks while registering),
 * the phone and the categories (all of these fit at 1366 px beside the entry panel), then the dates and the rest. What a folded column shows is in the trainee's drawer. ID numbers
 * and phones arrive masked from trainees.list and are shown as received, with an eye button to see one in
 * full (recorded in the audit log).
 */
export function traineeColumns(sort: TraineeSort): Array<FittedColumn<ColumnType<ListRow>>> {
  const columns: Array<FittedColumn<ColumnType<ListRow>>> = [
    {
      width: 90,
      priority: 0,
      grow: true,
      column: {
        title: '姓名',
        key: 'name',
        ...sortable('name', sort),
        // A long minority name is cut with an ellipsis (rows are one line high); the title shows it whole.
        render: (_value: unknown, row: ListRow) =>
          isPlaceholder(row) ? <Typography.Text type="secondary">加载中…</Typography.Text> : <span title={row.name}>{row.name}</span>,
      },
    },
    {
      width: 176,
      priority: 1,
      column: {
        title: '身份证号',
        key: 'idNumber',
        render: loaded((t) => <RevealableValue traineeId={t.id} field="idNumber" masked={t.idNumber} />),
      },
    },
    { width: 48, priority: 6, column: { title: '性别', key: 'sex', render: loaded((t) => sexLabel(t.sex)) } },
    { width: 48, priority: 6, column: { title: '年龄', key: 'age', render: loaded((t) => t.age) } },
    {
      width: 134,
      priority: 3,
      column: {
        title: '联系电话',
        key: 'phone',
        render: loaded((t) => <RevealableValue traineeId={t.id} field="phone" masked={t.phone} />),
      },
    },
    { width: 100, priority: 4, column: { title: '注册日期', key: 'registeredAt', ...sortable('registeredAt', sort), render: loaded((t) => t.registeredAt) } },
    {
      width: 136,
      priority: 7,
      column: {
        title: '登记时间',
        key: 'createdAt',
        ...sortable('createdAt', sort),
        render: loaded((t) => dayjs(t.createdAt).format('YYYY-MM-DD HH:mm')),
      },
    },
    {
      // Narrow, cut with a title: two or three categories read in full in the drawer or on hover.
      width: 110,
      priority: 3,
      column: {
        title: '人员类别',
        key: 'categories',
        // Plain chips rather than antd Tags, for the same reason as the tick box.
        render: loaded((t) => {
          const names = categoryNames(t.categories);
          return (
            <span title={names.join('、')}>
              {names.map((name) => (
                <span key={name} className="chip">
                  {name}
                </span>
              ))}
            </span>
          );
        }),
      },
    },
    {
      width: 90,
      priority: 2,
      column: {
        title: '补贴',
        key: 'livingAllowance',
        render: loaded((t) =>
          t.livingAllowance.eligible ? (
            <span className="chip chip-gold" title={`符合条件：${t.livingAllowance.reasons.join('、')}`}>
              生活费补贴
            </span>
          ) : t.livingAllowance.pending ? (
            <span className="chip" title="两后生：户籍待补充，农村户籍才符合生活费补贴">
              待定
            </span>
          ) : null,
        ),
      },
    },
    {
      width: 110,
      priority: 2,
      grow: true,
      column: {
        title: '注册平台',
        key: 'platformName',
        render: loaded((t) => <span title={t.platformName ?? undefined}>{t.platformName ?? '—'}</span>),
      },
    },
  ];
  return columns.map((c) => ({ ...c, column: { ...c.column, ...sameRowSkips } }));
}

export const SORT_FIELDS: Record<string, TraineeSortField> = { name: 'name', registeredAt: 'registeredAt', createdAt: 'createdAt' };
