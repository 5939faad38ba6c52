import { Table, Typography } from 'antd';
import type { ImportDryRun, ImportProblem } from '../../../src-shared/schemas/import';

const COLUMNS = [
  { title: '表格行号', dataIndex: 'row', width: 100 },
  { title: '列', dataIndex: 'column', width: 160, render: (column: string) => column || '整行' },
  { title: '问题和改法', dataIndex: 'reason' },
];

/** The invalid rows as the sheet numbers them, so the clerk can find each one in Excel or WPS. */
export function ProblemTable({ result }: { result: ImportDryRun }) {
  if (result.problems.length === 0) return null;
  const more = result.problemsTotal - result.problems.length;
  return (
    <>
      <Table<ImportProblem>
        size="small"
        aria-label="有误的行"
        rowKey={(problem) => `${problem.row}:${problem.column}:${problem.reason}`}
        columns={COLUMNS}
        dataSource={result.problems}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      />
      {more > 0 && <Typography.Text type="secondary">还有 {more} 个问题没有列出，请下载错误报告查看全部。</Typography.Text>}
    </>
  );
}
