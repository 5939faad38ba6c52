import { Alert, Button, Card, Flex, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { DispatchList } from '../../../src-shared/schemas/dispatch';
import { LoadFailed } from '../../app/LoadFailed';
import { PeriodReport } from './PeriodReport';
import { StatusTag } from './status-tag';
import { useDispatchList } from './use-dispatch';

type Row = DispatchList['periods'][number];

/** 双周调度: every period with its status and the countdown to the next report; open one to fill and print it. */
export function PeriodsPage() {
  const list = useDispatchList();
  const [openPeriodId, setOpenPeriodId] = useState<string | null>(null);
  if (openPeriodId) return <PeriodReport periodId={openPeriodId} onBack={() => setOpenPeriodId(null)} />;
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data?.periods ?? [];
  const next = list.data?.nextDue ?? null;
  const late = rows.filter((r) => r.overdue).length;

  const columns: ColumnsType<Row> = [
    { title: '期次', key: 'seq', width: 80, render: (_v, r) => `第 ${r.period.seq} 期` },
    { title: '统计起始', key: 'start', render: (_v, r) => r.period.startDate },
    { title: '截止日期', key: 'cutoff', render: (_v, r) => r.period.cutoffDate },
    { title: '上报日期', key: 'due', render: (_v, r) => r.period.dueDate },
    { title: '状态', key: 'status', width: 200, render: (_v, r) => <StatusTag status={r.status} overdue={r.overdue} delivery={r.delivery} /> },
    { title: '来源', key: 'source', width: 100, render: (_v, r) => (r.period.source === 'province' ? '省级下发' : '本机默认') },
    {
      title: '操作',
      key: 'open',
      width: 100,
      render: (_v, r) => (
        <Button size="small" type="link" aria-label={`打开第 ${r.period.seq} 期`} onClick={() => setOpenPeriodId(r.period.id)}>
          打开
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {next ? (
        <Alert
          type="info"
          showIcon
          title={`第 ${next.seq} 期：${next.dueDate} 上报，${next.text}`}
          description="双周调度表按截止日期累计统计。请在上报日前核对本期的学员登记和培训记录。"
        />
      ) : (
        !list.isLoading && late === 0 && <Alert type="success" showIcon title="本次行动已没有待上报的期次。" />
      )}
      {late > 0 && <Alert type="warning" showIcon title={`有 ${late} 期调度表逾期未上报，请尽快打开补报。`} />}
      {rows.some((r) => r.status === 'returned') && <Alert type="error" showIcon title="有调度表被上级退回，请打开查看退回意见并重新上报。" />}
      <Card size="small" title="双周调度期次">
        <Table
          rowKey={(r) => r.period.id}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isLoading}
          pagination={false}
          onRow={(r) => ({ onDoubleClick: () => setOpenPeriodId(r.period.id) })}
          rowClassName={(r) => (r.period.id === next?.periodId ? 'ant-table-row-selected' : '')}
        />
      </Card>
    </Flex>
  );
}
