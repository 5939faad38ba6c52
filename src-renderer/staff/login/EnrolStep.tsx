import { Alert, Button, Checkbox, Flex, Form, Input, QRCode, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { LoginAnswer } from '../../../src-shared/staff-login-api';
import { saveBlob } from '../../features/periods/download';
import { staffCallAs } from '../api/staff-client';
import { StaffApiError, staffMessageOf } from '../api/staff-error';

interface Enrolment {
  secret: string;
  uri: string;
  account: string;
}

/** The secret in groups of four, as authenticator apps ask for it when typed by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * 绑定动态口令 at the first login: the QR code and the same secret as text, then the first code to
 * confirm it, then the ten recovery codes, shown this once (download or copy), before going on.
 */
export function EnrolStep({ token, onAnswer, onRestart }: { token: string; onAnswer: (answer: LoginAnswer) => void; onRestart: (notice: string) => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ recoveryCodes: string[]; login: LoginAnswer } | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    staffCallAs(token, 'auth.enrolStart').then(
      (answer) => live && setEnrolment(answer),
      (e: unknown) => live && onRestart(staffMessageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [token, onRestart]);

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      setDone(await staffCallAs(token, 'auth.enrolConfirm', { body: { code } }));
    } catch (e) {
      if (e instanceof StaffApiError && (e.status === 401 || e.code === 'LOCKED')) onRestart(e.message);
      else setError(staffMessageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    const text = `技能培训调度 · 省市工作台 恢复码（账号 ${enrolment?.account ?? ''}）\n每个恢复码只能使用一次。\n\n${done.recoveryCodes.join('\n')}\n`;
    return (
      <>
        <Alert type="success" showIcon title="动态口令已绑定" style={{ marginBottom: 12 }} />
        <Typography.Paragraph>
          下面是 10 个<strong>恢复码</strong>，只显示这一次。手机丢失或更换时，可用其中一个代替动态码登录，每个只能用一次。请下载或抄写后妥善保管，不要和密码放在一起。
        </Typography.Paragraph>
        <ol className="tabular" aria-label="恢复码" style={{ columns: 2, fontSize: 16 }}>
          {done.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Button onClick={() => saveBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), '恢复码.txt')}>下载恢复码（.txt）</Button>
          <Button onClick={() => void navigator.clipboard?.writeText(text)}>复制</Button>
        </Flex>
        <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
          我已妥善保存恢复码
        </Checkbox>
        <Button type="primary" block disabled={!saved} style={{ marginTop: 12 }} onClick={() => onAnswer(done.login)}>
          继续
        </Button>
      </>
    );
  }
  if (!enrolment) return <Spin />;
  return (
    <>
      <Typography.Paragraph>
        省市账号登录需要第二重验证（动态口令）。请在手机上安装身份验证器（如 Microsoft Authenticator、Google 身份验证器、FreeOTP），添加账号并扫描下面的二维码；无法扫描时，选择“手动输入密钥”，输入下面的密钥（基于时间）。
      </Typography.Paragraph>
      <Flex vertical align="center" gap={8} style={{ marginBottom: 12 }}>
        <QRCode value={enrolment.uri} size={180} bordered={false} />
        <Typography.Text type="secondary">账号：{enrolment.account}</Typography.Text>
        <Typography.Text code copyable={{ text: enrolment.secret }} data-testid="totp-secret" style={{ fontSize: 15 }}>
          {grouped(enrolment.secret)}
        </Typography.Text>
      </Flex>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<{ code: string }> layout="vertical" onFinish={(v) => void confirm(v)} disabled={busy}>
        <Form.Item label="验证器显示的 6 位动态码" name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入 6 位数字' }]}>
          <Input autoComplete="one-time-code" inputMode="numeric" maxLength={8} autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          绑定并继续
        </Button>
      </Form>
    </>
  );
}
