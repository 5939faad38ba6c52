import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { isRpcError, messageOf } from '../../api/rpc-error';
import { useResetPinWithCode } from './use-session';

interface Props {
  operator: { id: string; name: string };
  open: boolean;
  onClose: () => void;
}

/**
 * 忘记 PIN: the recovery code written down at setup clears this operator's PIN; they then set a new one on the
 * lock screen. In an office with colleagues, a colleague can do the same from 设置 → 操作员 without the code.
 */
export function ForgotPinModal({ operator, open, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const reset = useResetPinWithCode();
  const submit = ({ code }: { code: string }) =>
    reset.mutate(
      { operatorId: operator.id, code },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
          void message.success(`${operator.name} 的 PIN 已清除，请设置新的 PIN`);
        },
        onError: (error) => {
          // A wrong code is the usual case: said under the field, which keeps the focus for the next try.
          if (isRpcError(error) && error.code === 'VALIDATION') {
            form.setFields([{ name: 'code', errors: [error.fields[0]?.message ?? error.message] }]);
            form.getFieldInstance('code')?.focus?.();
          } else void message.error(messageOf(error));
        },
      },
    );
  return (
    <Modal
      title={`忘记 PIN：${operator.name}`}
      open={open}
      onCancel={onClose}
      okText="清除 PIN"
      cancelText="取消"
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>
        请输入安装时抄下的<b>恢复码</b>（32 个字符，分 8 组）。恢复码正确时，{operator.name} 的 PIN 和锁定都会清除，随后在锁定画面设置新的 PIN。
      </Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="本单位还有其他操作员时，也可以请同事登录后在“设置 → 操作员”中重置您的 PIN。"
      />
      <Form form={form} name="forgot-pin" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="code" label="恢复码" rules={[{ required: true, message: '请输入恢复码' }]}>
          <Input autoFocus autoComplete="off" spellCheck={false} placeholder="如 ABCD-EFGH-…" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
