import { Tag, Tooltip } from 'antd';

/** Flags a trainee who is due the living allowance during training (plan section 六(四)). */
export function AllowanceTag({ reasons }: { reasons: readonly string[] }) {
  return (
    <Tooltip title={`符合条件：${reasons.join('、')}`}>
      <Tag color="gold">生活费补贴</Tag>
    </Tooltip>
  );
}
