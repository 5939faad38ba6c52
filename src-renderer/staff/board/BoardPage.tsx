import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { BOARD_STATUS_LABELS, BOARD_STATUSES, type BoardRow } from '../../../src-shared/staff-api';
import { useBoard } from '../api/use-staff';
import { BoardStatusTag } from '../shared/BoardStatusTag';
import { ShortCodeTag } from '../short-codes/ShortCodeTag';
import { CitySelect } from '../shared/CitySelect';
import { formatTime } from '../shared/format';
import type { PeriodPageProps } from '../shared/period-props';
import { PeriodSelect } from '../shared/PeriodSelect';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import { BoardCounts } from './BoardCounts';
import { filterBoard, NO_FILTER, type BoardFilter } from './board-filter';
import { ReviewModal, type ReviewTarget } from './ReviewModal';
import { CityReportBar } from './CityReportBar';
import { CorrectionList } from './CorrectionList';
import { ReportDetailDrawer } from './ReportDetailDrawer';
import { CityBoardTable } from './CityBoardTable';
import { byLateness } from './board-order';
import { lateText } from '../../../src-shared/domain/dispatch-status';

function SyncCell({ row }: { row: BoardRow }) {
  if (!row.lastSyncAt) return <Tag color="red">从未同步</Tag>;
  return (
    <Space size={4} wrap>
      <span className="tabular">{formatTime(row.lastSyncAt)}</span>
      {row.syncStale && <Tag color="red">超过 7 天未同步</Tag>}
    </Space>
  );
}

/** 报送情况: every county in the user's scope with its report's standing for the period, counts on top. */
export function BoardPage({ user, periods, period, onPeriodChange }: PeriodPageProps) {
  const [city, setCity] = useState<string | null>(null);
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const [reviewing, setReviewing] = useState<ReviewTarget | null>(null);
  const [detail, setDetail] = useState<BoardRow | null>(null);
  const board = useBoard(period, user.role === 'province' ? city : null);
  const rows = board.data ? byLateness(filterBoard(board.data.rows, filter)) : [];
  const wholeProvince = user.role === 'province' && city === null;

  const columns: ColumnsType<BoardRow> = [
    { title: '县（区、市）', dataIndex: 'countyName', key: 'county', width: 150, ellipsis: true },
    {
      title: '状态',
      key: 'status',
      width: 230,
      render: (_v, r) => (
        <Space size={4} wrap>
          <BoardStatusTag status={r.status} late={r.late} />
          {r.awaiting && <Tag color="blue">{r.awaiting === 'city' ? '待市审核' : '待省审核'}</Tag>}
          {r.correction === 'requested' && <Tag color="orange">更正申请待批</Tag>}
          {r.shortCode && <ShortCodeTag code={r.shortCode} />}
        </Space>
      ),
    },
    {
      title: '时效',
      key: 'late',
      width: 110,
      render: (_v, r) => (r.daysLate > 0 ? <Tag color="red">{r.stage === 'pending' || r.stage === 'accepted' ? `逾期 ${r.daysLate} 天上报` : lateText(r.daysLate)}</Tag> : null),
    },
    // On a 1024-px screen the two times fold into 详情 (the drawer shows both), leaving 审核意见 and the actions room.
    { title: '上报时间', key: 'submitted', width: 140, responsive: ['xl'], render: (_v, r) => <span className="tabular">{formatTime(r.submittedAt)}</span> },
    { title: '最近同步', key: 'sync', width: 200, responsive: ['xl'], render: (_v, r) => <SyncCell row={r} /> },
    {
      title: '审核意见',
      key: 'comment',
      ellipsis: true,
      render: (_v, r) =>
        r.reviewComment ? (
          <Tooltip title={`${r.reviewedLevel === 'province' ? '省级' : r.reviewedLevel === 'city' ? '市级' : ''}${r.reviewedBy ?? ''}：${r.reviewComment}（${formatTime(r.reviewedAt)}）`}>{r.reviewComment}</Tooltip>
        ) : null,
    },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      render: (_v, r) => (
        <Space size={4}>
          <Button size="small" type="link" aria-label={`查看${r.countyName}详情`} onClick={() => setDetail(r)}>
            详情
          </Button>
          {/* Only the level that judges the county accepts; the province may also return a county report directly. */}
          {(r.status === 'on_time' || r.status === 'late') && r.awaiting === user.role && (
            <Button size="small" type="primary" aria-label={`审核通过${r.countyName}`} onClick={() => setReviewing({ row: r, decision: 'accept' })}>
              通过
            </Button>
          )}
          {(r.status === 'on_time' || r.status === 'late') && (
            <Button size="small" danger aria-label={`退回${r.countyName}`} onClick={() => setReviewing({ row: r, decision: 'return' })}>
              退回
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <PeriodSelect periods={periods} value={period} onChange={onPeriodChange} />
        {user.role === 'province' && <CitySelect value={city} onChange={setCity} />}
        {user.role === 'province' && city !== null && (
          <Button icon={<ArrowLeftOutlined />} onClick={() => setCity(null)}>
            返回全省各市
          </Button>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void board.refetch()} loading={board.isFetching}>
          刷新
        </Button>
        {board.data && (
          <Typography.Text type="secondary">
            第 {board.data.period.seq} 期：统计至 {board.data.period.cutoffDate}，{board.data.period.dueDate} 前上报
          </Typography.Text>
        )}
      </Flex>
      {board.isError && <StaffLoadFailed error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && (
        <>
          {wholeProvince && <CityBoardTable cities={board.data.cities} onOpen={setCity} />}
          <CityReportBar board={board.data} period={period} mayAct={user.role === 'city'} mayJudge={user.role === 'province'} />
          <CorrectionList period={period} city={user.role === 'province' ? city : user.cityCode} />
          <BoardCounts counts={board.data.counts} selected={filter.status} onSelect={(status) => setFilter({ ...filter, status })} />
          {board.data.counts.syncStale > 0 && (
            <Alert type="warning" showIcon title={`${board.data.counts.syncStale} 个县超过 7 天没有同步（标红的行），其数据可能不是最新的，请联系县里检查网络或电脑。`} />
          )}
          <Flex gap={12} wrap align="center">
            <Input.Search aria-label="按县名查找" placeholder="县（区、市）名称" allowClear style={{ width: 220 }} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
            <Select
              aria-label="按状态筛选"
              style={{ width: 140 }}
              value={filter.status ?? ''}
              onChange={(v: string) => setFilter({ ...filter, status: BOARD_STATUSES.find((s) => s === v) ?? null })}
              options={[{ value: '', label: '全部状态' }, ...BOARD_STATUSES.map((s) => ({ value: s, label: BOARD_STATUS_LABELS[s] }))]}
            />
            <Checkbox checked={filter.staleOnly} onChange={(e) => setFilter({ ...filter, staleOnly: e.target.checked })}>
              只看超过 7 天未同步
            </Checkbox>
            <Typography.Text type="secondary">显示 {rows.length} / {board.data.rows.length} 个县</Typography.Text>
          </Flex>
        </>
      )}
      <Table
        rowKey="countyCode"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={board.isLoading}
        pagination={false}
        rowClassName={(r) => [r.syncStale ? 'sync-stale' : '', r.daysLate > 0 ? 'row-overdue' : ''].join(' ')}
        aria-label="各县报送情况"
        tableLayout="fixed"
        sticky
      />
      <ReviewModal target={reviewing} period={period} onClose={() => setReviewing(null)} />
      <ReportDetailDrawer row={detail} period={period} onClose={() => setDetail(null)} onReview={setReviewing} />
    </Flex>
  );
}
