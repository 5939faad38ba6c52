import { AppstoreOutlined, BarChartOutlined, CalendarOutlined, CopyOutlined, DashboardOutlined, LogoutOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Layout, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { StaffUser } from '../../../src-shared/staff-api';
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
  calendar: <CalendarOutlined />,
};

/** Header with who is logged in (and for which city), the menu of the screens this role may use. */
export function StaffShell({ user }: { user: StaffUser }) {
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
        <Button icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate()}>
          退出登录
        </Button>
      </Layout.Header>
      <Layout>
        <SideNav routes={routes} current={current} icons={ICONS} onNavigate={(key) => navigate(staffRouteFromHash(key))} />
        <Layout.Content style={{ overflow: 'auto', padding: 16 }}>
          <StaffPage route={current} user={user} period={period} onPeriodChange={setPeriod} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
