import { Tag } from 'antd';
import { BOARD_STATUS_LABELS, type BoardStatus } from '../../../src-shared/staff-api';

const COLORS: Record<BoardStatus, string> = {
  not_submitted: 'default',
  on_time: 'green',
  late: 'orange',
  returned: 'volcano',
  accepted: 'cyan',
};

/** A county report's standing; a returned or accepted report that came in late also says so. */
export function BoardStatusTag({ status, late = false }: { status: BoardStatus; late?: boolean }) {
  return (
    <>
      <Tag color={COLORS[status]}>{BOARD_STATUS_LABELS[status]}</Tag>
      {late && status !== 'late' && <Tag color="orange">逾期报送</Tag>}
    </>
  );
}
