/** Chinese wording for the sync page: kinds of unsent changes and the progress line. */
import type { SyncProgressPayload } from '../../../src-shared/events';

export const ENTITY_LABELS: Record<string, string> = {
  trainee: '学员登记',
  enrolment: '培训记录',
  platform: '平台',
  platform_adoption: '平台采用情况',
  dispatch_report: '调度表',
};

const DATASET_LABELS: Record<string, string> = { platforms: '平台目录', periods: '调度期次', report_status: '报表审核结果', notices: '通知' };

export function progressText(p: SyncProgressPayload): string {
  if (p.phase === 'push') return `正在上报第 ${p.batchesDone + 1} 批（${p.ops} 条）${p.attempt > 1 ? `，第 ${p.attempt} 次尝试` : ''}`;
  if (p.phase === 'pushed') return `第 ${p.batchesDone} 批已上报：接收 ${p.applied} 条${p.rejected > 0 ? `，退回 ${p.rejected} 条` : ''}`;
  return `正在下载${DATASET_LABELS[p.dataset] ?? p.dataset}${p.stored > 0 ? `：${p.stored} 条` : ''}`;
}
