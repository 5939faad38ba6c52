import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { StaffApiError, staffMessageOf } from '../api/staff-error';
import { useLogin } from '../api/use-staff';

interface LoginValues {
  name: string;
  password: string;
}

/** What went wrong with a login attempt, in words the staff member can act on. */
function loginProblem(error: unknown): { title: string; description: string | null } {
  if (!(error instanceof StaffApiError)) return { title: staffMessageOf(error), description: null };
  if (error.code === 'LOCKED') return { title: error.message, description: '账号锁定期间无法登录。如忘记密码，请联系省级系统管理员重置。' };
  if (error.code === 'UNAUTHORIZED') return { title: error.message, description: '请检查用户名和密码（注意大小写）。连续输错 5 次，账号将锁定 15 分钟。' };
  return { title: error.message, description: null };
}

/** 登录: user name and password; errors and the lockout in Chinese, the reason a session ended above the form. */
export function LoginPage({ notice }: { notice: string | null }) {
  const login = useLogin();
  const problem = login.isError ? loginProblem(login.error) : null;
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100%', background: '#f0f2f5' }}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          省市工作台登录
        </Typography.Title>
        <Typography.Paragraph type="secondary">线上技能培训行动 · 双周调度汇总、审核与进度</Typography.Paragraph>
        {notice && !problem && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {problem && <Alert type="error" showIcon role="alert" title={problem.title} description={problem.description} style={{ marginBottom: 16 }} />}
        <Form<LoginValues> layout="vertical" onFinish={(values) => login.mutate(values)} disabled={login.isPending}>
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
      </Card>
    </Flex>
  );
}
