import {
  AppstoreOutlined,
  CalendarOutlined,
  CloudSyncOutlined,
  FileExcelOutlined,
  ReadOutlined,
  SettingOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Settings } from '../../src-shared/schemas/settings';
import { LockButton } from '../features/lock/LockButton';
import { CurrentPage } from './CurrentPage';
import { SideNav } from './SideNav';
import { ROUTES, routeFromHash, type RouteKey } from './routes';
import { StatusBar } from './StatusBar';
import { useHashRoute } from './use-hash-route';

const ICONS: Record<RouteKey, ReactNode> = {
  trainees: <UserAddOutlined />,
  enrolments: <ReadOutlined />,
  import: <FileExcelOutlined />,
  platforms: <AppstoreOutlined />,
  periods: <CalendarOutlined />,
  sync: <CloudSyncOutlined />,
  settings: <SettingOutlined />,
};

/** Header with the unit's name, navigation on the left, the status bar at the bottom. */
export function AppShell({ settings }: { settings: Settings }) {
  const [route, navigate] = useHashRoute();
  const county = settings.county;
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          技能培训调度填报
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }} data-testid="header-unit">
          {county ? `${county.cityName} · ${county.name}` : ''}
        </Typography.Text>
        <LockButton operatorName={settings.operator?.name ?? null} />
      </Layout.Header>
      <Layout>
        <SideNav routes={ROUTES} current={route} icons={ICONS} onNavigate={(key) => navigate(routeFromHash(key))} />
        <Layout.Content style={{ overflow: 'auto', padding: 16 }}>
          <CurrentPage route={route} />
        </Layout.Content>
      </Layout>
      <StatusBar />
    </Layout>
  );
}
