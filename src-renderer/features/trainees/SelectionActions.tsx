import { Button, Space, Typography } from 'antd';

interface Props {
  count: number;
  onAddCourse: () => void;
  onClear: () => void;
}

/** What can be done with the ticked trainees; nothing shows until one is ticked. */
export function SelectionActions({ count, onAddCourse, onClear }: Props) {
  if (count === 0) return null;
  return (
    <Space>
      <Typography.Text aria-live="polite">已勾选 {count} 人</Typography.Text>
      <Button type="primary" size="small" onClick={onAddCourse}>
        为勾选的学员添加培训记录
      </Button>
      <Button size="small" onClick={onClear}>
        取消勾选
      </Button>
    </Space>
  );
}
