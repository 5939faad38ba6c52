import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lateText } from '../../../src-shared/domain/dispatch-status';
import { CITY_STAGE_NAMES, type CitySummary } from '../../../src-shared/staff-api';
import { formatTime } from '../shared/format';
import { byLateness } from './board-order';

const STAGE_COLORS: Record<CitySummary['stage'], string> = { open: 'default', submitted: 'blue', returned: 'volcano', accepted: 'cyan', withdrawn: 'default' };

function Count({ value, danger = false }: { value: number; danger?: boolean }) {
  return <span className="tabular" style={danger && value > 0 ? { color: '#cf1322', fontWeight: 600 } : undefined}>{value}</span>;
}

/**
 * The province's board of its cities (全省各市): each city's city report, how its counties stand, and how late it is
 * against the period's due date; late cities first. A city's row opens that city's own board (its counties).
 */
export function CityBoardTable({ cities, onOpen }: { cities: readonly CitySummary[]; onOpen: (cityCode: string) => void }) {
  const columns: ColumnsType<CitySummary> = [
    {
      title: '地市',
      key: 'city',
      width: 180,
      render: (_v, c) => (
        <Button type="link" size="small" style={{ padding: 0 }} aria-label={`查看${c.cityName}各县`} onClick={() => onOpen(c.cityCode)}>
          {c.cityName}
        </Button>
      ),
    },
    {
      title: '市级报表',
      key: 'stage',
      width: 240,
      render: (_v, c) => (
        <Space size={4} wrap>
          <Tag color={STAGE_COLORS[c.stage]}>{CITY_STAGE_NAMES[c.stage]}</Tag>
          {c.reviewer === 'province' && <Tag>无市级账号，县报省审</Tag>}
          {c.submittedAt && <Typography.Text type="secondary" className="tabular">{formatTime(c.submittedAt)}</Typography.Text>}
        </Space>
      ),
    },
    { title: '已通过', key: 'accepted', width: 80, align: 'right', render: (_v, c) => <Count value={c.accepted} /> },
    { title: '已退回', key: 'returned', width: 80, align: 'right', render: (_v, c) => <Count value={c.returned} danger /> },
    { title: '待审核', key: 'pending', width: 80, align: 'right', render: (_v, c) => <Count value={c.pending} /> },
    { title: '未上报', key: 'missing', width: 80, align: 'right', render: (_v, c) => <Count value={c.missing} danger /> },
    { title: '县数', key: 'total', width: 70, align: 'right', render: (_v, c) => <Count value={c.total} /> },
    {
      title: '时效',
      key: 'late',
      render: (_v, c) => (
        <Space size={4} wrap>
          {c.daysLate > 0 ? <Tag color="red">{c.stage === 'submitted' || c.stage === 'accepted' ? `逾期 ${c.daysLate} 天上报` : lateText(c.daysLate)}</Tag> : <Tag color="green">按时</Tag>}
          {c.lateCounties > 0 && <Typography.Text type="danger">{c.lateCounties} 个县逾期</Typography.Text>}
        </Space>
      ),
    },
  ];
  return (
    <Table
      rowKey="cityCode"
      size="small"
      columns={columns}
      dataSource={byLateness(cities)}
      pagination={false}
      rowClassName={(c) => (c.daysLate > 0 ? 'row-overdue' : '')}
      onRow={(c) => ({ onDoubleClick: () => onOpen(c.cityCode) })}
      aria-label="全省各市报送情况"
      title={() => <Typography.Text strong>全省各市（逾期的排在前面，点地市名查看该市各县）</Typography.Text>}
    />
  );
}
