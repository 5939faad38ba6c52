import { Alert, Button, Descriptions, Drawer, Flex, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { COUNTY_STAGE_LABELS } from '../../../src-shared/domain/report-levels';
import { LEVEL_ACTION_LABELS, type BoardRow, type ReportDetail } from '../../../src-shared/staff-api';
import { useReportDetail } from '../api/use-staff';
import { formatTime } from '../shared/format';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import { RuleLine } from '../../shared/RuleLine';
import { CorrectionList } from './CorrectionList';
import type { ReviewTarget } from './ReviewModal';
import { formatCount } from '../../../src-shared/format/numbers';

type FigureLine = ReportDetail['figures'][number];

/** The rules about one figure: each failed one with its 上报说明; the passed ones counted. */
function FigureRules({ outcomes }: { outcomes: ReportDetail['ruleOutcomes'] }) {
  if (outcomes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const failed = outcomes.filter((o) => !o.passed);
  const passed = outcomes.filter((o) => o.passed);
  return (
    <Flex vertical gap={4}>
      {failed.map((o) => (
        <RuleLine key={o.ruleId} outcome={o} />
      ))}
      {passed.length > 0 && <Typography.Text type="secondary">{passed.map((o) => o.ruleId).join('、')} 通过</Typography.Text>}
    </Flex>
  );
}
const LEVEL_NAMES = { county: '县级', city: '市级', province: '省级' } as const;

/**
 * One county's report as its reviewer reads it before deciding: every figure computed from the county's records,
 * the adjustment and its reason, and the figure sent; beside it the rules the PC ran on it, with each 上报说明; the decision; the history (the same for every
 * level); the county's correction requests for the level that decides them; 通过 / 退回 where this user may.
 */
export function ReportDetailDrawer({ row, period, onClose, onReview }: { row: BoardRow | null; period: string; onClose: () => void; onReview: (target: ReviewTarget) => void }) {
  const detail = useReportDetail(row?.countyCode ?? null, period);
  const d = detail.data;
  return (
    <Drawer open={row !== null} onClose={onClose} width={1080} title={row ? `${row.countyName} 调度表（统计截止 ${period}）` : ''} destroyOnHidden>
      {detail.isError && <StaffLoadFailed error={detail.error} onRetry={() => void detail.refetch()} />}
      {!d && !detail.isError && <Spin />}
      {d && row && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="状态">
              <Tag>{COUNTY_STAGE_LABELS[d.stage]}</Tag>
              {d.awaiting && <Tag color="blue">{d.awaiting === 'city' ? '待市审核' : '待省审核'}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="上报">{d.submittedAt ? `${d.submittedBy ?? '县级'} 于 ${formatTime(d.submittedAt)}` : '未上报'}</Descriptions.Item>
            {/* The board folds this column away on a narrow screen; it is always here. */}
            <Descriptions.Item label="最近同步" span={2}>
              {row.lastSyncAt ? formatTime(row.lastSyncAt) : '从未同步'}
              {row.syncStale ? '（超过 7 天未同步）' : ''}
            </Descriptions.Item>
            {d.review && (
              <Descriptions.Item label={d.review.status === 'returned' ? '退回' : '审核通过'} span={2}>
                {`${d.review.level ? LEVEL_NAMES[d.review.level] : ''} ${d.review.by ?? ''} 于 ${formatTime(d.review.at)}`}
                {d.review.comment ? `：${d.review.comment}` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>
          {d.forceReason && <Alert type="warning" showIcon title="上报说明" description={d.forceReason} />}
          {d.skippedRules.length > 0 && (
            <Alert type="info" showIcon title={`县里的软件版本未运行 ${d.skippedRules.length} 条规则`} description={d.skippedRules.map((r) => r.ruleId).join('、')} />
          )}
          {d.figures.length > 0 ? (
            <Table<FigureLine>
              rowKey="key"
              size="small"
              pagination={false}
              aria-label="报表数字明细"
              dataSource={d.figures}
              columns={[
                { title: '项目', dataIndex: 'label', key: 'label', width: 200 },
                { title: '按记录计算', key: 'computed', width: 100, align: 'right', render: (_v, f) => formatCount(f.computed) },
                {
                  title: '调整及原因',
                  key: 'adjustment',
                  render: (_v, f) =>
                    f.adjustment ? (
                      <span>
                        调整为 <strong>{formatCount(f.adjustment.value)}</strong>：{f.adjustment.reason}
                        <Typography.Text type="secondary">（{f.adjustment.by ?? '—'}，{formatTime(f.adjustment.at)}）</Typography.Text>
                      </span>
                    ) : (
                      <Typography.Text type="secondary">未调整</Typography.Text>
                    ),
                },
                { title: '上报数', dataIndex: 'final', key: 'final', width: 80, align: 'right', render: (v: number) => <strong>{formatCount(v)}</strong> },
                {
                  title: '规则检查',
                  key: 'rules',
                  width: 260,
                  render: (_v, f) => <FigureRules outcomes={d.ruleOutcomes.filter((o) => o.figure === f.key)} />,
                },
              ]}
            />
          ) : (
            <Typography.Text type="secondary">该县本期尚未上报调度表。</Typography.Text>
          )}
          {d.nationalPlatformNames.length > 0 && <Typography.Text type="secondary">部推荐平台（附页）：{d.nationalPlatformNames.join('、')}</Typography.Text>}
          {(d.mayAccept || d.mayReturn) && (
            <Space>
              {d.mayAccept && (
                <Button type="primary" onClick={() => onReview({ row, decision: 'accept' })}>
                  审核通过
                </Button>
              )}
              {d.mayReturn && (
                <Button danger onClick={() => onReview({ row, decision: 'return' })}>
                  退回
                </Button>
              )}
            </Space>
          )}
          <CorrectionList period={period} city={row.cityCode} county={row.countyCode} />
          <div>
            <Typography.Title level={5}>报表历史</Typography.Title>
            {d.events.length === 0 ? (
              <Typography.Text type="secondary">暂无记录</Typography.Text>
            ) : (
              <Timeline
                items={d.events.map((e) => ({
                  children: (
                    <span>
                      <Typography.Text className="tabular">{formatTime(e.at)}</Typography.Text> {LEVEL_NAMES[e.actorRole]} {e.actorName}：{LEVEL_ACTION_LABELS[e.action] ?? e.action}
                      {e.reason ? `（${e.reason}）` : ''}
                    </span>
                  ),
                }))}
              />
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
