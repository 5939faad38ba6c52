import { App, Form, Input, Modal, Typography } from 'antd';
import { figureJumpWarning } from '../../../src-shared/domain/figure-jump';
import { formatCount } from '../../../src-shared/format/numbers';
import type { DispatchReport } from '../../../src-shared/schemas/dispatch';
import { NumberInput } from '../../shared/NumberInput';
import { reportFormError } from '../../shared/server-errors';
import { useAdjustFigure } from './use-dispatch';

type FigureLine = DispatchReport['figures'][number];

interface Values {
  value: number;
  reason: string;
}

const FIELDS = ['value', 'reason'] as const;

/**
 * Adjusting one figure by hand (a platform reported a total that has no per-trainee records here): the reason is
 * required, and the computed value stays on record next to the adjustment. A value far outside the figure's recent
 * pace (figure-jump.ts) is put to the clerk before it is saved.
 */
export function AdjustFigureModal({ periodId, line, onClose }: { periodId: string; line: FigureLine | null; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const adjust = useAdjustFigure();
  if (!line) return null;

  const save = (values: Values) =>
    adjust.mutate(
      { periodId, figure: line.key, value: values.value, reason: values.reason },
      {
        onSuccess: () => {
          void message.success('已调整');
          onClose();
        },
        onError: (error) => reportFormError(error, form, FIELDS, message),
      },
    );

  const submit = async (values: Values) => {
    const jump = figureJumpWarning(values.value, { previous: line.previous, computed: line.computed });
    if (jump) {
      const confirmed = await modal.confirm({
        title: '这个数字变化很大，请确认',
        content: <span data-testid="adjust-jump-warning">{jump}</span>,
        okText: '确认无误，保存',
        cancelText: '返回修改',
      });
      if (!confirmed) {
        form.getFieldInstance('value')?.focus?.();
        return;
      }
    }
    save(values);
  };

  return (
    <Modal
      open
      title={`调整：${line.label}`}
      okText="保存调整"
      cancelText="取消"
      okButtonProps={{ loading: adjust.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        按记录计算为 <strong>{formatCount(line.computed)}</strong>。只有在平台报送了总数、本机没有逐人记录时才需要调整；计算值和调整原因都会保留。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        name="dispatch-adjust"
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ value: line.adjustment?.value ?? line.computed }}
      >
        <Form.Item name="value" label="调整后的数字" rules={[{ required: true, message: '请填写调整后的数字' }]}>
          <NumberInput min={0} max={100_000_000} precision={0} autoFocus />
        </Form.Item>
        <Form.Item name="reason" label="调整原因" rules={[{ required: true, whitespace: true, min: 4, message: '请写明调整原因（至少 4 个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：某平台报送的培训总人次，本机没有逐人记录" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
