import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { LoginAnswer } from '../../../src-shared/staff-login-api';
import { staffCall, staffCallAs } from '../api/staff-client';
import { StaffApiError, staffMessageOf } from '../api/staff-error';

interface Values {
  current?: string;
  next: string;
  again: string;
}

/**
 * 修改密码: in the login when the password has expired (`token`: that step's token; the current
 * password was given moments ago), or from a session (the current password asked again).
 */
export function ChangePasswordForm({ token, rules, onAnswer, onRestart }: { token: string | null; rules: string | null; onAnswer: (answer: LoginAnswer) => void; onRestart?: (notice: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = { current: v.current ?? null, next: v.next };
      onAnswer(token ? await staffCallAs(token, 'auth.changePassword', { body }) : await staffCall('auth.changePassword', { body }));
    } catch (e) {
      if (token && onRestart && e instanceof StaffApiError && (e.status === 401 || e.code === 'LOCKED')) onRestart(e.message);
      else setError(staffMessageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {rules && <Typography.Paragraph type="secondary">新密码要求：{rules}。</Typography.Paragraph>}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} disabled={busy}>
        {!token && (
          <Form.Item label="当前密码" name="current" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Form.Item label="新密码" name="next" rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" autoFocus={Boolean(token)} />
        </Form.Item>
        <Form.Item
          label="再次输入新密码"
          name="again"
          dependencies={['next']}
          rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_r, value) => (value === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          修改密码
        </Button>
      </Form>
    </>
  );
}
