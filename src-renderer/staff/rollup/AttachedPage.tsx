import { Card, Table } from 'antd';
import type { Rollup } from '../../../src-shared/staff-api';

/** 附页: the adopted ministry-recommended platforms with the number of units adopting each, from the table model. */
export function AttachedPage({ page }: { page: Rollup['table']['attachedPage'] }) {
  const columns = page.columns.map((title, index) => ({ title, key: String(index), render: (_v: unknown, row: string[]) => row[index] }));
  return (
    <Card size="small" title={`${page.title}：${page.heading}`}>
      <Table
        rowKey={(row) => row[0] ?? ''}
        size="small"
        columns={columns}
        dataSource={page.rows}
        pagination={false}
        locale={{ emptyText: page.emptyText }}
        aria-label="附页：部推荐平台采用情况"
      />
    </Card>
  );
}
