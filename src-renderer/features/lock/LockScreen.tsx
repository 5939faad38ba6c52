import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import type { SessionState } from '../../../src-shared/schemas/session';
import { isRpcError, messageOf } from '../../api/rpc-error';
import { ForgotPinModal } from './ForgotPinModal';
import { pinPolicyRule, pinRuleText, sameAsRule } from './pin-rules';
import { useLogin, useSetFirstPin } from './use-session';

interface Values {
  pin?: string;
  repeat?: string;
}

/**
 * The lock screen (issue #19 item 3): who is at the keyboard proves it with their PIN. An operator without a PIN
 * (added by a colleague, or from before the lock) chooses one here at their first login.
 */
export function LockScreen({ state }: { state: SessionState }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const initial = state.operators.find((o) => o.id === state.lastOperatorId) ?? state.operators[0];
  const [operatorId, setOperatorId] = useState(initial?.id);
  const [forgot, setForgot] = useState(false);
  const operator = state.operators.find((o) => o.id === operatorId);
  const login = useLogin();
  const setPin = useSetFirstPin();
  const firstUse = operator !== undefined && !operator.hasPin;
  const pending = login.isPending || setPin.isPending;

  const showError = (error: unknown) => {
    if (isRpcError(error) && (error.code === 'WRONG_PIN' || error.code === 'VALIDATION')) {
      form.setFields([{ name: 'pin', errors: [error.fields[0]?.message ?? error.message], value: '' }]);
      form.getFieldInstance('pin')?.focus?.();
    } else void message.error(messageOf(error));
  };

  const submit = (values: Values) => {
    if (!operator) return;
    const pin = values.pin ?? '';
    if (firstUse) setPin.mutate({ operatorId: operator.id, pin }, { onError: showError });
    else login.mutate({ operatorId: operator.id, pin }, { onError: showError });
  };

  const choose = (id: string) => {
    setOperatorId(id);
    form.resetFields();
  };

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100%', background: '#f0f2f5', padding: 24 }}>
      <Card style={{ width: 440 }} title={<span><LockOutlined /> 已锁定</span>}>
        <Typography.Paragraph type="secondary">
          请选择您自己的名字并输入 PIN。您录入和修改的每条记录都会记下操作员；离开电脑时请点“锁定”。
        </Typography.Paragraph>
        <Form form={form} name="unlock" layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="选择操作员" htmlFor="unlock_operator">
            <Select
              id="unlock_operator"
              value={operatorId}
              onChange={choose}
              options={state.operators.map((o) => ({ value: o.id, label: o.hasPin ? o.name : `${o.name}（未设置 PIN）` }))}
            />
          </Form.Item>
          {operator?.lockedUntil && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              message={`${operator.name} 因连续输错 PIN 已锁定，请于 ${new Date(operator.lockedUntil).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false })} 后再试`}
            />
          )}
          {firstUse && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`首次使用：请为 ${operator.name} 设置 PIN`} description={pinRuleText(state.pinPolicy)} />}
          <Form.Item
            name="pin"
            label={firstUse ? '设置 PIN' : 'PIN'}
            rules={[
              { required: true, message: '请输入 PIN' },
              ...(firstUse ? [pinPolicyRule(state.pinPolicy)] : []),
            ]}
          >
            <Input.Password autoFocus autoComplete="off" inputMode={state.pinPolicy.allowLetters ? 'text' : 'numeric'} maxLength={64} />
          </Form.Item>
          {firstUse && (
            <Form.Item
              name="repeat"
              label="再次输入 PIN"
              dependencies={['pin']}
              rules={[{ required: true, message: '请再次输入 PIN' }, sameAsRule('pin')]}
            >
              <Input.Password autoComplete="off" inputMode={state.pinPolicy.allowLetters ? 'text' : 'numeric'} maxLength={64} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={pending} disabled={!operator}>
            {firstUse ? '设置并登录' : '解锁'}
          </Button>
          {operator && !firstUse && (
            <Button type="link" block style={{ marginTop: 8 }} onClick={() => setForgot(true)}>
              忘记 PIN？
            </Button>
          )}
        </Form>
        {operator && <ForgotPinModal operator={operator} open={forgot} onClose={() => setForgot(false)} />}
      </Card>
    </Flex>
  );
}
