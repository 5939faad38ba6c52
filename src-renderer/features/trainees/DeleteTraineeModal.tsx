import { Form, Input, Modal } from 'antd';

interface Props {
  open: boolean;
  traineeName: string;
  deleting: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}

/** Deletion is recorded with a reason: the province audits removed registrations (subsidy fraud). */
export function DeleteTraineeModal({ open, traineeName, deleting, onCancel, onConfirm }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={`删除学员 ${traineeName}`}
      okText="删除"
      okButtonProps={{ danger: true, loading: deleting }}
      cancelText="取消"
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} name="trainee-delete" layout="vertical" onFinish={(values) => onConfirm(values.reason.trim())}>
        <Form.Item
          name="reason"
          label="删除原因"
          rules={[
            { required: true, whitespace: true, message: '请填写删除原因' },
            { min: 2, message: '删除原因至少 2 个字' },
          ]}
          extra="例如：重复登记、本人放弃、信息录错后已重新登记。"
        >
          <Input.TextArea rows={3} maxLength={200} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
