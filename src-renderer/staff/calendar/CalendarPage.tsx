import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Popconfirm, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { StaffPeriod } from '../../../src-shared/staff-api';
import { staffMessageOf } from '../api/staff-error';
import { usePeriods, usePublishCalendar, type CalendarInput } from '../api/use-staff';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import { nextPeriod } from './next-period';

type CalendarRow = CalendarInput[number];
type DateField = 'startDate' | 'cutoffDate' | 'dueDate';

const DATE_COLUMNS: Array<{ field: DateField; title: string }> = [
  { field: 'startDate', title: '统计起始日' },
  { field: 'cutoffDate', title: '截止日期' },
  { field: 'dueDate', title: '上报日期' },
];

function CalendarEditor({ periods }: { periods: readonly StaffPeriod[] }) {
  const { message } = App.useApp();
  const publish = usePublishCalendar();
  const [rows, setRows] = useState<CalendarRow[]>(() => periods.map(({ seq, startDate, cutoffDate, dueDate }) => ({ seq, startDate, cutoffDate, dueDate })));
  const setDate = (seq: number, field: DateField, value: string) => setRows(rows.map((r) => (r.seq === seq ? { ...r, [field]: value } : r)));

  const columns: ColumnsType<CalendarRow> = [
    { title: '期次', dataIndex: 'seq', key: 'seq', width: 80, render: (seq: number) => `第 ${seq} 期` },
    ...DATE_COLUMNS.map(({ field, title }) => ({
      title,
      key: field,
      render: (_v: unknown, r: CalendarRow) => (
        <DatePicker
          aria-label={`第 ${r.seq} 期${title}`}
          allowClear={false}
          value={dayjs(r[field])}
          onChange={(d) => d && setDate(r.seq, field, d.format('YYYY-MM-DD'))}
        />
      ),
    })),
  ];

  return (
    <Flex vertical gap={12}>
      {periods[0]?.source === 'default' && <Alert type="info" showIcon title="省里还没有发布调度日历，下面是各县程序默认使用的日历（2020年4月1日起每两周一期）。修改后发布即可下发到各县。" />}
      <Table rowKey="seq" size="small" columns={columns} dataSource={rows} pagination={false} aria-label="调度日历" />
      <Flex gap={8}>
        <Button icon={<PlusOutlined />} onClick={() => setRows([...rows, nextPeriod(rows.at(-1))])}>
          增加一期
        </Button>
        <Button icon={<DeleteOutlined />} disabled={rows.length <= 1} onClick={() => setRows(rows.slice(0, -1))}>
          删除最后一期
        </Button>
        <Popconfirm
          title="发布调度日历？"
          description="各县下次同步时按新日历统计和上报；已上报的期次按截止日期对应。"
          okText="发布"
          cancelText="取消"
          onConfirm={() =>
            publish.mutate(rows, {
              onSuccess: () => void message.success('调度日历已发布，各县下次同步时收到'),
              onError: (error) => void message.error(staffMessageOf(error)),
            })
          }
        >
          <Button type="primary" loading={publish.isPending}>
            发布日历
          </Button>
        </Popconfirm>
      </Flex>
      <Typography.Text type="secondary">截止日期当天的数据计入本期；上报日期不得早于截止日期，各期日期不得重叠。</Typography.Text>
    </Flex>
  );
}

/** 调度日历 (province only): the periods' cutoff and due dates, published to the counties by sync. */
export function CalendarPage() {
  const periods = usePeriods();
  if (periods.isError) return <StaffLoadFailed error={periods.error} onRetry={() => void periods.refetch()} />;
  if (!periods.data) return <Spin />;
  // Keyed by the published calendar, so the editor starts again from what the server holds after a publish.
  return <CalendarEditor key={periods.data.periods.map((p) => `${p.cutoffDate}/${p.dueDate}`).join()} periods={periods.data.periods} />;
}
