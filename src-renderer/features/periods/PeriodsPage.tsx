import { Alert, Card, Flex, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { todayIso } from '../../../src-shared/domain/dates';
import type { Period } from '../../../src-shared/schemas/reference';
import { LoadFailed } from '../../app/LoadFailed';
import { countdownText, nextDuePeriod, periodPhase } from './period-status';
import { usePeriods } from './use-periods';

const PHASE_TAGS = {
  past: <Tag>已过</Tag>,
  current: <Tag color="blue">本期</Tag>,
  future: <Tag color="default">未开始</Tag>,
} as const;

/** 双周调度: the reporting calendar. The table itself (figures, print) comes in a later version. */
export function PeriodsPage() {
  const periods = usePeriods();
  const today = todayIso();
  if (periods.isError) return <LoadFailed error={periods.error} onRetry={() => void periods.refetch()} />;
  const list = periods.data ?? [];
  const next = nextDuePeriod(list, today);

  const columns: ColumnsType<Period> = [
    { title: '期次', dataIndex: 'seq', key: 'seq', width: 80, render: (seq: number) => `第 ${seq} 期` },
    { title: '统计起始', dataIndex: 'startDate', key: 'startDate' },
    { title: '截止日期', dataIndex: 'cutoffDate', key: 'cutoffDate' },
    { title: '上报日期', dataIndex: 'dueDate', key: 'dueDate' },
    { title: '状态', key: 'phase', width: 90, render: (_v: unknown, p: Period) => PHASE_TAGS[periodPhase(p, today)] },
    {
      title: '来源',
      dataIndex: 'source',
      key: 'source',
      width: 100,
      render: (source: Period['source']) => (source === 'province' ? '省级下发' : '本机默认'),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {next ? (
        <Alert
          type="info"
          showIcon
          title={`第 ${next.seq} 期：数据截止 ${next.cutoffDate}，${next.dueDate} 上报，${countdownText(next, today)}`}
          description="双周调度表按截止日期累计统计。请在上报日前核对本期的学员登记和培训记录。"
        />
      ) : (
        !periods.isLoading && <Alert type="success" showIcon title="本次行动的各期调度均已到期。" />
      )}
      <Card size="small" title="双周调度期次">
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list}
          loading={periods.isLoading}
          pagination={false}
          rowClassName={(p) => (p.id === next?.id ? 'ant-table-row-selected' : '')}
        />
      </Card>
    </Flex>
  );
}
