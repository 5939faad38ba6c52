import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { reportFormError } from '../../shared/server-errors';
import { useResetColleaguePin } from './use-operators';

/**
 * 重置 PIN for a colleague who forgot theirs or is locked out: the logged-in clerk confirms with their own PIN
 * (an unlocked PC left unattended is no way to take over a colleague); the colleague sets a new PIN at the lock screen.
 */
export function ResetPinButton({ operator }: { operator: { id: string; name: string } }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ myPin: string }>();
  const reset = useResetColleaguePin();
  const close = () => {
    form.resetFields();
    setOpen(false);
  };
  const submit = ({ myPin }: { myPin: string }) =>
    reset.mutate(
      { operatorId: operator.id, myPin },
      {
        onSuccess: () => {
          close();
          void message.success(`已重置 ${operator.name} 的 PIN，请 ${operator.name} 在锁定画面设置新的 PIN`);
        },
        onError: (error) => reportFormError(error, form, ['myPin'], message),
      },
    );
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`重置 ${operator.name} 的 PIN`}>
        重置 PIN
      </Button>
      <Modal
        title={`重置 ${operator.name} 的 PIN`}
        open={open}
        onCancel={close}
        okText="重置"
        cancelText="取消"
        confirmLoading={reset.isPending}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {operator.name} 的 PIN 和锁定将被清除，{operator.name} 下次登录时设置新的 PIN。此操作会记入操作日志。请输入<b>您自己</b>的 PIN 确认。
        </Typography.Paragraph>
        <Form form={form} name="reset-pin" layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="myPin" label="我的 PIN" rules={[{ required: true, message: '请输入您的 PIN' }]}>
            <Input.Password autoFocus autoComplete="off" maxLength={64} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
