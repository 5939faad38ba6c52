import { AppstoreOutlined, AuditOutlined, SafetyOutlined, BarChartOutlined, CalendarOutlined, CopyOutlined, DashboardOutlined, KeyOutlined, MessageOutlined, UsbOutlined, LogoutOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, App, Button, Layout, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { StaffSession } from '../api/session';
import { startIfDone } from '../api/use-staff';
import { ChangePasswordForm } from '../login/ChangePasswordForm';
import { IdleGuard } from './IdleGuard';
import { SideNav } from '../../app/SideNav';
import { useHashKey } from '../../app/use-hash-route';
import { useLogout } from '../api/use-staff';
import { cityName } from '../shared/CitySelect';
import { routesFor, staffRouteFromHash, type StaffRouteKey } from './staff-routes';
import { StaffPage } from './StaffPage';

const ICONS: Record<StaffRouteKey, ReactNode> = {
  board: <DashboardOutlined />,
  rollup: <TableOutlined />,
  progress: <BarChartOutlined />,
  duplicates: <CopyOutlined />,
  directory: <AppstoreOutlined />,
  carried: <UsbOutlined />,
  codes: <MessageOutlined />,
  calendar: <CalendarOutlined />,
  rules: <SafetyOutlined />,
  audit: <AuditOutlined />,
};

/** Within this many days of its expiry, the header says the password is about to expire. */
const EXPIRY_WARNING_DAYS = 14;

/** Header with who is logged in (and for which city), the menu of the screens this role may use. */
export function StaffShell({ session }: { session: StaffSession }) {
  const { user } = session;
  const { message } = App.useApp();
  const [changing, setChanging] = useState(false);
  const daysLeft = session.passwordExpiresAt ? Math.ceil((Date.parse(session.passwordExpiresAt) - Date.now()) / 86_400_000) : null;
  const [route, navigate] = useHashKey(staffRouteFromHash);
  const routes = routesFor(user.role);
  const current = routes.some((r) => r.key === route) ? route : 'board';
  // The period chosen on one screen stays chosen on the others.
  const [period, setPeriod] = useState<string | null>(null);
  const logout = useLogout();
  const scope = user.role === 'province' ? '省级' : `${cityName(user.cityCode)}（地市）`;
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          技能培训调度 · 省市工作台
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', marginLeft: 'auto' }} data-testid="header-user">
          {scope} · {user.name}
        </Typography.Text>
        <Button icon={<KeyOutlined />} onClick={() => setChanging(true)}>
          修改密码
        </Button>
        <Button icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate()}>
          退出登录
        </Button>
      </Layout.Header>
      <Layout>
        <SideNav routes={routes} current={current} icons={ICONS} onNavigate={(key) => navigate(staffRouteFromHash(key))} />
        <Layout.Content style={{ overflow: 'auto', padding: 16 }}>
          {daysLeft !== null && daysLeft <= EXPIRY_WARNING_DAYS && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`您的密码将在 ${Math.max(daysLeft, 0)} 天后过期，过期后登录时须先修改密码。`} action={<Button size="small" onClick={() => setChanging(true)}>现在修改</Button>} />
          )}
          <StaffPage route={current} user={user} period={period} onPeriodChange={setPeriod} />
        </Layout.Content>
      </Layout>
      <IdleGuard idleTimeoutMs={session.idleTimeoutMs} />
      <Modal open={changing} title="修改密码" footer={null} onCancel={() => setChanging(false)} destroyOnHidden>
        <ChangePasswordForm
          token={null}
          rules={null}
          onAnswer={(answer) => {
            setChanging(false);
            startIfDone(answer);
            void message.success('密码已修改，其他地方的登录已退出');
          }}
        />
      </Modal>
    </Layout>
  );
}
