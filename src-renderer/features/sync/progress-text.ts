/** Chinese wording for the sync page: kinds of unsent changes and the progress line. */
import type { SyncProgressPayload } from '../../../src-shared/events';
import { formatCount } from '../../../src-shared/format/numbers';

export const ENTITY_LABELS: Record<string, string> = {
  trainee: '学员登记',
  enrolment: '培训记录',
  platform: '平台',
  platform_adoption: '平台采用情况',
  dispatch_report: '调度表',
  correction_request: '更正申请',
};

const DATASET_LABELS: Record<string, string> = { platforms: '平台目录', periods: '调度期次', report_status: '报表审核结果', notices: '通知' };

export function progressText(p: SyncProgressPayload): string {
  if (p.phase === 'push') {
    const retry = p.attempt > 1 ? `，第 ${p.attempt} 次尝试` : '';
    return `正在上报第 ${p.batchesDone + 1} / ${p.batchesTotal} 批（${formatCount(p.ops)} 条）${retry}`;
  }
  if (p.phase === 'pushed') {
    const rejected = p.rejected > 0 ? `，未接收 ${formatCount(p.rejected)} 条` : '';
    return `第 ${p.batchesDone} / ${p.batchesTotal} 批已上报：接收 ${formatCount(p.applied)} 条${rejected}`;
  }
  return `正在下载${DATASET_LABELS[p.dataset] ?? p.dataset}${p.stored > 0 ? `：${formatCount(p.stored)} 条` : ''}`;
}
