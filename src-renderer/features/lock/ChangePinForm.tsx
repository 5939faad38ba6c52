import { App, Button, Form, Input } from 'antd';
import type { PinPolicy } from '../../../src-shared/domain/operator-pin';
import { reportFormError } from '../../shared/server-errors';
import { pinPolicyRule, pinRuleText, sameAsRule } from './pin-rules';
import { useChangePin } from './use-session';

interface Values {
  current: string;
  next: string;
  repeat: string;
}

/** The logged-in clerk changes their own PIN, proving the current one (wrong ones count toward the lockout). */
export function ChangePinForm({ policy }: { policy: PinPolicy }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePin();
  const submit = (values: Values) =>
    change.mutate(
      { current: values.current, next: values.next },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success('PIN 已修改，下次解锁请用新 PIN');
        },
        onError: (error) => reportFormError(error, form, ['current', 'next'], message),
      },
    );
  return (
    <Form form={form} name="change-pin" layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
      <Form.Item name="current" label="当前 PIN" rules={[{ required: true, message: '请输入当前 PIN' }]}>
        <Input.Password autoComplete="off" maxLength={64} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item
        name="next"
        label="新 PIN"
        tooltip={pinRuleText(policy)}
        rules={[{ required: true, message: '请输入新 PIN' }, pinPolicyRule(policy)]}
      >
        <Input.Password autoComplete="off" maxLength={64} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item
        name="repeat"
        label="再次输入"
        dependencies={['next']}
        rules={[{ required: true, message: '请再次输入新 PIN' }, sameAsRule('next')]}
      >
        <Input.Password autoComplete="off" maxLength={64} style={{ width: 140 }} />
      </Form.Item>
      <Button htmlType="submit" loading={change.isPending}>
        修改 PIN
      </Button>
    </Form>
  );
}
