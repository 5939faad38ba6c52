import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useCallback, useState } from 'react';
import type { LoginAnswer } from '../../../src-shared/staff-login-api';
import { StaffApiError, staffMessageOf } from '../api/staff-error';
import { startIfDone, useLogin } from '../api/use-staff';
import { ChangePasswordForm } from './ChangePasswordForm';
import { EnrolStep } from './EnrolStep';
import { SecondFactorStep } from './SecondFactorStep';

interface LoginValues {
  name: string;
  password: string;
}

type Pending = Exclude<LoginAnswer, { stage: 'done' }>;

/** What went wrong with a login attempt, in words the staff member can act on. */
function loginProblem(error: unknown): { title: string; description: string | null } {
  if (!(error instanceof StaffApiError)) return { title: staffMessageOf(error), description: null };
  if (error.code === 'LOCKED') return { title: error.message, description: '账号锁定期间无法登录。如忘记密码或丢失手机，请联系省级系统管理员。' };
  if (error.code === 'UNAUTHORIZED') return { title: error.message, description: '请检查用户名和密码（注意大小写）。连续输错 5 次（密码与动态码合计），账号将锁定 15 分钟。' };
  return { title: error.message, description: null };
}

const TITLES: Record<Pending['stage'], string> = {
  'second-factor': '输入动态码',
  enrol: '绑定动态口令（首次登录）',
  'change-password': '密码已过期，请设置新密码',
};

/**
 * 登录: the password, then the step the server asks for (the authenticator's code, its enrolment at
 * the first login, a new password when the old one expired) until the session starts. Errors and the
 * lockout in Chinese; the reason a session ended above the form.
 */
export function LoginPage({ notice }: { notice: string | null }) {
  const login = useLogin();
  const [pending, setPending] = useState<Pending | null>(null);
  const [stepNotice, setStepNotice] = useState<string | null>(null);
  const problem = login.isError ? loginProblem(login.error) : null;
  const onAnswer = useCallback((answer: LoginAnswer) => {
    if (startIfDone(answer).stage !== 'done') setPending(answer as Pending);
  }, []);
  const restart = useCallback(
    (why: string) => {
      setPending(null);
      login.reset();
      setStepNotice(`${why}。请重新输入密码登录。`.replace('。。', '。'));
    },
    [login],
  );
  const shown = stepNotice ?? notice;

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100%', background: '#f0f2f5' }}>
      <Card style={{ width: 440 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {pending ? TITLES[pending.stage] : '省市工作台登录'}
        </Typography.Title>
        {pending ? (
          <>
            <Typography.Paragraph type="secondary">
              账号：{pending.user.name}。请在 5 分钟内完成本步骤。
            </Typography.Paragraph>
            {pending.stage === 'second-factor' && <SecondFactorStep key={pending.token} token={pending.token} onAnswer={onAnswer} onRestart={restart} />}
            {pending.stage === 'enrol' && <EnrolStep key={pending.token} token={pending.token} onAnswer={onAnswer} onRestart={restart} />}
            {pending.stage === 'change-password' && <ChangePasswordForm key={pending.token} token={pending.token} rules={pending.passwordRules} onAnswer={onAnswer} onRestart={restart} />}
            <Button type="link" block style={{ marginTop: 8 }} onClick={() => setPending(null)}>
              返回，重新输入密码
            </Button>
          </>
        ) : (
          <>
            <Typography.Paragraph type="secondary">线上技能培训行动 · 双周调度汇总、审核与进度</Typography.Paragraph>
            {shown && !problem && <Alert type="warning" showIcon title={shown} style={{ marginBottom: 16 }} />}
            {problem && <Alert type="error" showIcon role="alert" title={problem.title} description={problem.description} style={{ marginBottom: 16 }} />}
            <Form<LoginValues>
              layout="vertical"
              onFinish={(values) => {
                setStepNotice(null);
                login.mutate(values, { onSuccess: onAnswer });
              }}
              disabled={login.isPending}
            >
              <Form.Item label="用户名" name="name" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                登录
              </Button>
            </Form>
          </>
        )}
      </Card>
    </Flex>
  );
}
