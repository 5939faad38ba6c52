import { Table } from 'antd';
import { formatCount } from '../shared/format';

export interface BarItem {
  key: string;
  name: string;
  value: number;
}

/** A breakdown as a table with a proportional bar in each row: readable, sortable, and printable. */
export function BarTable({ items, nameTitle, valueTitle, label }: { items: readonly BarItem[]; nameTitle: string; valueTitle: string; label: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <Table
      rowKey="key"
      size="small"
      aria-label={label}
      dataSource={items as BarItem[]}
      pagination={items.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      columns={[
        { title: nameTitle, dataIndex: 'name', key: 'name', width: 180 },
        { title: valueTitle, key: 'value', width: 120, align: 'right', sorter: (a, b) => a.value - b.value, render: (_v, i) => <span className="tabular">{formatCount(i.value)}</span> },
        {
          title: '',
          key: 'bar',
          render: (_v, i) => <div aria-hidden style={{ height: 10, width: `${(i.value / max) * 100}%`, minWidth: i.value > 0 ? 2 : 0, background: '#1f5fa8', borderRadius: 2 }} />,
        },
      ]}
    />
  );
}
