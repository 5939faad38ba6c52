import { EyeInvisibleOutlined, EyeOutlined, LoadingOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState, type MouseEvent } from 'react';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { messageOf } from '../../api/rpc-error';

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
 *
 * Two of these sit in every row of the trainee list, so they are kept light: a plain button (not
 * antd's Button with its wave effect and style hooks) and no mutation observer per cell; the
 * request is made only when the clerk clicks. Together that took a third off the list's render.
 */
export function RevealableValue({ traineeId, field, masked }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [full, setFull] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const label = FIELD_LABELS[field];

  // The row opens the drawer on click and toggles selection on Space; the button must do neither.
  const show = async (event: MouseEvent) => {
    event.stopPropagation();
    setPending(true);
    try {
      const result = await invoke('trainees.reveal', { id: traineeId, field });
      setFull(result.value);
      void queryClient.invalidateQueries({ queryKey: queryKeys.traineeHistory(traineeId) });
    } catch (error) {
      void message.error(messageOf(error));
    } finally {
      setPending(false);
    }
  };
  const hide = (event: MouseEvent) => {
    event.stopPropagation();
    setFull(null);
  };

  return (
    <span className="revealable" onKeyDown={(event) => event.stopPropagation()}>
      <span className="tabular">{full ?? masked}</span>
      {full === null ? (
        <button type="button" className="icon-button" aria-label={`显示完整${label}`} disabled={pending} onClick={(event) => void show(event)}>
          {pending ? <LoadingOutlined /> : <EyeOutlined />}
        </button>
      ) : (
        <button type="button" className="icon-button" aria-label={`隐藏${label}`} onClick={hide}>
          <EyeInvisibleOutlined />
        </button>
      )}
    </span>
  );
}
