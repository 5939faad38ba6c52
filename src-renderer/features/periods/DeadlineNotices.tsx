import { Alert, Button, Flex } from 'antd';
import { daysLate } from '../../../src-shared/domain/dispatch-status';
import type { DispatchList } from '../../../src-shared/schemas/dispatch';
import { decisionLine, ReviewNotice } from './ReviewNotice';

/** The countdown turns to a warning this many days before the due date. */
const NEAR_DAYS = 2;

/**
 * The notices at the top of 双周调度: the countdown to the next due date (a warning when it is near), one notice per
 * overdue period saying by how many days (已逾期 N 天), and one per returned report saying who returned it, when and
 * why; each with 去处理 to go straight to the period.
 */
export function DeadlineNotices({ list, onOpen }: { list: DispatchList; onOpen: (periodId: string) => void }) {
  const next = list.nextDue;
  const open = (periodId: string, seq: number) => (
    <Button size="small" type="primary" ghost onClick={() => onOpen(periodId)} aria-label={`去处理第 ${seq} 期`}>
      去处理
    </Button>
  );
  const overdue = list.periods.filter((r) => r.overdue && r.status !== 'returned');
  const returned = list.periods.filter((r) => r.status === 'returned');
  return (
    <Flex vertical gap={8} data-testid="deadline-notices">
      {next ? (
        <Alert
          type={next.daysLeft <= NEAR_DAYS ? 'warning' : 'info'}
          showIcon
          title={`第 ${next.seq} 期：${next.dueDate} 上报，${next.text}`}
          description="双周调度表按截止日期累计统计。请在上报日前核对本期的学员登记和培训记录。"
          action={open(next.periodId, next.seq)}
        />
      ) : (
        overdue.length === 0 && returned.length === 0 && <Alert type="success" showIcon title="本次行动已没有待上报的期次。" />
      )}
      {overdue.map((r) => (
        <Alert
          key={r.period.id}
          type="error"
          showIcon
          title={`第 ${r.period.seq} 期调度表已逾期 ${daysLate(r.period.dueDate, null, list.today)} 天未上报（应于 ${r.period.dueDate} 上报）`}
          description="请尽快打开该期，核对后上报；如有特殊情况，请向市里说明。"
          action={open(r.period.id, r.period.seq)}
        />
      ))}
      {returned.map((r) => (
        <ReviewNotice
          key={r.period.id}
          report={r}
          title={`第 ${r.period.seq} 期：${decisionLine(r, '退回了调度表')}${r.overdue ? `（已逾期 ${daysLate(r.period.dueDate, null, list.today)} 天）` : ''}`}
          action={open(r.period.id, r.period.seq)}
        />
      ))}
    </Flex>
  );
}
