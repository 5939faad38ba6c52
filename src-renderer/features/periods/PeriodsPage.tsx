import { Button, Card, Flex, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { DispatchList } from '../../../src-shared/schemas/dispatch';
import { LoadFailed } from '../../app/LoadFailed';
import { DeadlineNotices } from './DeadlineNotices';
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
      {list.data && <DeadlineNotices list={list.data} onOpen={setOpenPeriodId} />}
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
