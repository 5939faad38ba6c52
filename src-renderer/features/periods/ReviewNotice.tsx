import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { DELIVERY_LABELS, reviewerText, type Delivery, type ReviewLevel } from '../../../src-shared/domain/dispatch-status';
import { chinaDateTime } from '../../../src-shared/format/china-time';

export interface ReviewFacts {
  status: string;
  reviewComment: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewedLevel: ReviewLevel | null;
  delivery: Delivery | null;
}

/** '市级 张三 于 2020-04-20 10:00 退回' — who decided, at which level, when (China time). */
export function decisionLine(r: ReviewFacts, verb: string): string {
  return `${reviewerText(r.reviewedLevel, r.reviewedBy)}${r.reviewedAt ? ` 于 ${chinaDateTime(r.reviewedAt)}` : ''} ${verb}`;
}

/**
 * Where a report stands with the levels above, shown on 双周调度 and (for returns) on 数据同步: returned (who, when,
 * why, what to do), accepted (who, when), or waiting (待同步 until the server has it, then which level has it).
 */
export function ReviewNotice({ report, title, action }: { report: ReviewFacts; title?: string; action?: ReactNode }) {
  if (report.status === 'returned') {
    return (
      <Alert
        type="error"
        showIcon
        action={action}
        title={title ?? `${decisionLine(report, '退回了本期调度表')}`}
        description={`退回意见：${report.reviewComment ?? '（无）'}。请核实修改后重新上报。`}
      />
    );
  }
  if (report.status === 'accepted') return <Alert type="success" showIcon title={`${decisionLine(report, '审核通过')}，本期已锁定`} />;
  if (report.status === 'submitted' && report.delivery) {
    return report.delivery === 'unsent' ? (
      <Alert type="warning" showIcon title="已上报，待同步" description="调度表还在本机，请到“数据同步”点击立即同步，送达后才算上报完成。" />
    ) : (
      <Alert type="info" showIcon title={DELIVERY_LABELS[report.delivery]} description="等待审核；审核结果会在同步时送回本机。" />
    );
  }
  return null;
}
