import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState, type MouseEvent } from 'react';
import { messageOf } from '../../api/rpc-error';
import { useRevealTrainee } from './use-trainees';

const FIELD_LABELS = { idNumber: '身份证号', phone: '电话' } as const;

interface Props {
  traineeId: string;
  field: 'idNumber' | 'phone';
  masked: string;
}

/**
 * A masked ID number or phone with an eye button that shows it in full. Each look is recorded in
 * the audit log by the main side; the full value lives only in this cell's state and is gone when
 * the row scrolls away or the clerk hides it again.
 */
export function RevealableValue({ traineeId, field, masked }: Props) {
  const { message } = App.useApp();
  const reveal = useRevealTrainee();
  const [full, setFull] = useState<string | null>(null);
  const label = FIELD_LABELS[field];

  // The row opens the drawer on click and toggles selection on Space; the button must do neither.
  const stop = (event: MouseEvent) => event.stopPropagation();
  const show = (event: MouseEvent) => {
    stop(event);
    reveal.mutate(
      { id: traineeId, field },
      { onSuccess: (result) => setFull(result.value), onError: (error) => void message.error(messageOf(error)) },
    );
  };
  const hide = (event: MouseEvent) => {
    stop(event);
    setFull(null);
  };

  return (
    <Space size={2} onKeyDown={(event) => event.stopPropagation()}>
      <span className="tabular">{full ?? masked}</span>
      {full === null ? (
        <Button type="text" size="small" icon={<EyeOutlined />} aria-label={`显示完整${label}`} loading={reveal.isPending} onClick={show} />
      ) : (
        <Button type="text" size="small" icon={<EyeInvisibleOutlined />} aria-label={`隐藏${label}`} onClick={hide} />
      )}
    </Space>
  );
}
