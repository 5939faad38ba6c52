import { Typography } from 'antd';
import type { ColumnType, ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { Trainee } from '../../../src-shared/schemas/trainee';
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

/**
 * The tick box of quick mode. Not antd's rowSelection: that walks every row of the data on each
 * render (a map of checkbox props for all 100,000 placeholders), which alone cost a few hundred
 * milliseconds of the list's first paint; this column renders only for the rows on screen.
 */
export function selectionColumn(selected: ReadonlySet<string>, toggle: (id: string) => void): ColumnType<ListRow> {
  return {
    key: 'selected',
    width: 40,
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
 * Columns of the trainee list; the sortable dates come before the wide ones, so that they are in
 * view without scrolling sideways. ID numbers and phones arrive masked from trainees.list and are shown
 * as received, with an eye button to see one in full (recorded in the audit log).
 */
export function traineeColumns(sort: TraineeSort): ColumnsType<ListRow> {
  const columns: ColumnsType<ListRow> = [
    {
      title: '姓名',
      key: 'name',
      width: 96,
      ...sortable('name', sort),
      render: (_value: unknown, row: ListRow) =>
        isPlaceholder(row) ? <Typography.Text type="secondary">加载中…</Typography.Text> : row.name,
    },
    {
      title: '身份证号',
      key: 'idNumber',
      width: 210,
      render: loaded((t) => <RevealableValue traineeId={t.id} field="idNumber" masked={t.idNumber} />),
    },
    { title: '性别', key: 'sex', width: 56, render: loaded((t) => sexLabel(t.sex)) },
    { title: '年龄', key: 'age', width: 56, render: loaded((t) => t.age) },
    {
      title: '联系电话',
      key: 'phone',
      width: 150,
      render: loaded((t) => <RevealableValue traineeId={t.id} field="phone" masked={t.phone} />),
    },
    { title: '注册日期', key: 'registeredAt', width: 110, ...sortable('registeredAt', sort), render: loaded((t) => t.registeredAt) },
    {
      title: '登记时间',
      key: 'createdAt',
      width: 140,
      ...sortable('createdAt', sort),
      render: loaded((t) => dayjs(t.createdAt).format('YYYY-MM-DD HH:mm')),
    },
    {
      title: '人员类别',
      key: 'categories',
      width: 230,
      // Plain chips rather than antd Tags, for the same reason as the tick box.
      render: loaded((t) =>
        categoryNames(t.categories).map((name) => (
          <span key={name} className="chip">
            {name}
          </span>
        )),
      ),
    },
    {
      title: '补贴',
      key: 'livingAllowance',
      width: 100,
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
    { title: '注册平台', key: 'platformName', width: 200, render: loaded((t) => t.platformName ?? '—') },
  ];
  return columns.map((column) => ({ ...column, ...sameRowSkips }));
}

export const SORT_FIELDS: Record<string, TraineeSortField> = { name: 'name', registeredAt: 'registeredAt', createdAt: 'createdAt' };
