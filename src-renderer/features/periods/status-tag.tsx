import { Tag } from 'antd';
import { DELIVERY_LABELS, PERIOD_STATUS_LABELS, type Delivery, type PeriodStatus } from '../../../src-shared/domain/dispatch-status';

const COLORS: Record<PeriodStatus, string> = {
  open: 'default',
  due: 'blue',
  overdue: 'red',
  draft: 'gold',
  submitted: 'green',
  accepted: 'cyan',
  returned: 'volcano',
};

/**
 * A period's status as the list and the report show it; a late draft also says it is late, and a submission waiting
 * for a decision says where it is (待同步 until the server has it, then 已送达市级 / 省级).
 */
export function StatusTag({ status, overdue, delivery = null }: { status: PeriodStatus; overdue: boolean; delivery?: Delivery | null }) {
  return (
    <>
      <Tag color={COLORS[status]}>{PERIOD_STATUS_LABELS[status]}</Tag>
      {delivery && <Tag color={delivery === 'unsent' ? 'orange' : 'default'}>{delivery === 'unsent' ? '待同步' : DELIVERY_LABELS[delivery]}</Tag>}
      {overdue && status !== 'overdue' && <Tag color="red">已逾期</Tag>}
    </>
  );
}
