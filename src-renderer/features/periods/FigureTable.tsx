import { App, Button, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatCount } from '../../../src-shared/format/numbers';
import type { DispatchReport } from '../../../src-shared/schemas/dispatch';
import { messageOf } from '../../api/rpc-error';
import { useAdjustFigure } from './use-dispatch';

type FigureLine = DispatchReport['figures'][number];

/** The five figures: computed from the records and adjusted by hand, side by side, with who adjusted and why. */
export function FigureTable({ report, onAdjust }: { report: DispatchReport; onAdjust: (line: FigureLine) => void }) {
  const { message } = App.useApp();
  const adjust = useAdjustFigure();
  const withdraw = (line: FigureLine) =>
    adjust.mutate(
      { periodId: report.period.id, figure: line.key, value: null, reason: '撤销调整，按记录计算' },
      { onSuccess: () => void message.success('已撤销调整'), onError: (error) => void message.error(messageOf(error)) },
    );

  const columns: ColumnsType<FigureLine> = [
    { title: '项目', dataIndex: 'label', key: 'label', width: 220 },
    { title: '按记录计算', dataIndex: 'computed', key: 'computed', width: 120, align: 'right', render: (v: number) => formatCount(v) },
    {
      title: '调整后',
      key: 'adjusted',
      width: 100,
      align: 'right',
      render: (_v, line) => (line.adjustment ? <strong>{formatCount(line.adjustment.value)}</strong> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: '调整原因',
      key: 'reason',
      render: (_v, line) =>
        line.adjustment ? (
          <span>
            {line.adjustment.reason}
            <Typography.Text type="secondary">（{line.adjustment.operatorName ?? '—'}，{line.adjustment.at.slice(0, 10)}）</Typography.Text>
          </span>
        ) : null,
    },
    { title: '上报数', dataIndex: 'final', key: 'final', width: 100, align: 'right', render: (v: number) => <strong>{formatCount(v)}</strong> },
  ];
  if (!report.locked) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_v, line) => (
        <Space size="small">
          <Button size="small" aria-label={`调整${line.label}`} onClick={() => onAdjust(line)}>
            调整
          </Button>
          {line.adjustment && (
            <Popconfirm title="撤销调整，改用按记录计算的数字？" okText="撤销" cancelText="取消" onConfirm={() => withdraw(line)}>
              <Button size="small" type="link" aria-label={`撤销${line.label}的调整`}>
                撤销
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }
  return <Table rowKey="key" size="small" columns={columns} dataSource={report.figures} pagination={false} aria-label="调度数字" />;
}
