import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { LoginAnswer } from '../../../src-shared/staff-login-api';
import { staffCallAs } from '../api/staff-client';
import { StaffApiError, staffMessageOf } from '../api/staff-error';

/** 动态码: the 6 digits of the authenticator app, or one recovery code when the phone is lost. */
export function SecondFactorStep({ token, onAnswer, onRestart }: { token: string; onAnswer: (answer: LoginAnswer) => void; onRestart: (notice: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      onAnswer(await staffCallAs(token, 'auth.secondFactor', { body: { code } }));
    } catch (e) {
      // The step's token ended (five minutes, or the lock): the login starts again from the password.
      if (e instanceof StaffApiError && (e.code === 'LOCKED' || (e.status === 401 && !e.message.startsWith('动态码不正确')))) onRestart(e.message);
      else setError(staffMessageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Typography.Paragraph>请打开手机上的身份验证器（如 Microsoft Authenticator、Google 身份验证器、FreeOTP 等），输入本账号当前显示的 6 位动态码。</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} description="动态码每 30 秒更换一次，每个只能用一次；连续输错 5 次（密码与动态码合计），账号将锁定 15 分钟。" style={{ marginBottom: 16 }} />}
      <Form<{ code: string }> layout="vertical" onFinish={(v) => void submit(v)} disabled={busy}>
        <Form.Item label="动态码" name="code" rules={[{ required: true, whitespace: true, message: '请输入 6 位动态码' }]} extra="手机丢失时，可输入一个未用过的恢复码（形如 ABCDE-FGHJK），每个恢复码只能用一次。">
          <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="text" maxLength={20} autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          验证
        </Button>
      </Form>
    </>
  );
}
