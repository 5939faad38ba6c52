import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Spin, Typography } from 'antd';
import { useState } from 'react';
import { periodLabel } from '../../../src-shared/domain/periods';
import type { DispatchReport } from '../../../src-shared/schemas/dispatch';
import { LoadFailed } from '../../app/LoadFailed';
import { AdjustFigureModal } from './AdjustFigureModal';
import { FigureTable } from './FigureTable';
import { PrintPanel } from './PrintPanel';
import { ReviewNotice } from './ReviewNotice';
import { StatusTag } from './status-tag';
import { SubmitPanel } from './SubmitPanel';
import { ShortCodePanel } from './ShortCodePanel';
import { useDispatchReport } from './use-dispatch';

type FigureLine = DispatchReport['figures'][number];

/**
 * One period's report: figures, adjustments, checks, submission and the printed table. The actions come first, so
 * that they are on screen at 768 px high without scrolling (docs/ui-guidelines.md): printing beside the title,
 * checks and 上报 above the figures (the confirmation shows the figures that go up again before sending).
 */
export function PeriodReport({ periodId, onBack }: { periodId: string; onBack: () => void }) {
  const report = useDispatchReport(periodId);
  const [adjusting, setAdjusting] = useState<FigureLine | null>(null);
  if (report.isError) return <LoadFailed error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <Spin />;
  const r = report.data;

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          返回期次列表
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {periodLabel(r.period)}
        </Typography.Title>
        <StatusTag status={r.status} overdue={r.overdue} delivery={r.delivery} />
        <div style={{ marginLeft: 'auto' }} aria-label="调度表（打印、PDF、Excel）" role="group">
          <PrintPanel periodId={r.period.id} />
        </div>
      </Flex>
      <ReviewNotice report={r} />
      <Card size="small" title="检查与上报">
        <SubmitPanel report={r} />
      </Card>
      <Card size="small" title="本期数字">
        <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="填报单位">{r.unitName}</Descriptions.Item>
          <Descriptions.Item label="截止日期">{r.period.cutoffDate}</Descriptions.Item>
          <Descriptions.Item label="上报日期">{r.period.dueDate}</Descriptions.Item>
        </Descriptions>
        {r.frozen && <Typography.Paragraph type="secondary">以下为上报时的数字，之后补录的记录计入下一期。</Typography.Paragraph>}
        <FigureTable report={r} onAdjust={setAdjusting} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          部推荐平台（附页）：{r.nationalPlatformNames.length > 0 ? r.nationalPlatformNames.join('、') : '未采用'}
        </Typography.Paragraph>
      </Card>
      {r.locked && (
        <Card size="small" title="短码（没有网络时用电话或短信上报）">
          <ShortCodePanel report={r} />
        </Card>
      )}
      <AdjustFigureModal periodId={r.period.id} line={adjusting} onClose={() => setAdjusting(null)} />
    </Flex>
  );
}
