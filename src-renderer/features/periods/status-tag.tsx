import { Tag } from 'antd';
import { PERIOD_STATUS_LABELS, type PeriodStatus } from '../../../src-shared/domain/dispatch-status';

const COLORS: Record<PeriodStatus, string> = {
  open: 'default',
  due: 'blue',
  overdue: 'red',
  draft: 'gold',
  submitted: 'green',
  accepted: 'cyan',
  returned: 'volcano',
};

/** A period's status as the list and the report show it; a late draft also says it is late. */
export function StatusTag({ status, overdue }: { status: PeriodStatus; overdue: boolean }) {
  return (
    <>
      <Tag color={COLORS[status]}>{PERIOD_STATUS_LABELS[status]}</Tag>
      {overdue && status !== 'overdue' && <Tag color="red">已逾期</Tag>}
    </>
  );
}
