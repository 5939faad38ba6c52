import { App, Form, Input, Modal, Typography } from 'antd';
import type { BoardRow, ReviewDecision } from '../../../src-shared/staff-api';
import { staffMessageOf } from '../api/staff-error';
import { useReview } from '../api/use-staff';

export interface ReviewTarget {
  row: BoardRow;
  decision: ReviewDecision;
}

/** 审核通过 or 退回 one county's report; a return needs the reason, which the county reads on its next sync. */
export function ReviewModal({ target, period, onClose }: { target: ReviewTarget | null; period: string; onClose: () => void }) {
  const { message } = App.useApp();
  const review = useReview();
  const [form] = Form.useForm<{ comment: string }>();
  const returning = target?.decision === 'return';
  const submit = (values: { comment?: string }) => {
    if (!target) return;
    review.mutate(
      { countyCode: target.row.countyCode, period, decision: target.decision, comment: values.comment?.trim() || null },
      {
        onSuccess: () => {
          void message.success(returning ? `已退回 ${target.row.countyName} 的调度表，县里下次同步时可见` : `已审核通过 ${target.row.countyName} 的调度表`);
          form.resetFields();
          onClose();
        },
        onError: (error) => void message.error(staffMessageOf(error)),
      },
    );
  };
  return (
    <Modal
      open={target !== null}
      title={target ? `${returning ? '退回' : '审核通过'}：${target.row.countyName}` : ''}
      okText={returning ? '退回' : '审核通过'}
      okButtonProps={{ danger: returning, loading: review.isPending }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {returning ? '退回后该县的调度表解除锁定，县里按退回意见修改后重新上报。' : '审核通过后该县本期调度表即为最终数。'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="comment"
          label={returning ? '退回原因' : '审核意见（可不填）'}
          rules={returning ? [{ required: true, whitespace: true, message: '退回时请写明退回原因，县里据此修改' }] : []}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
