import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState, useSyncExternalStore } from 'react';
import { appTheme } from '../../app/theme';
import { renderRequiredMark } from '../../shared/required-mark';
import { sessionStore } from '../api/session';
import { createStaffQueryClient } from '../api/use-staff';
import { LoginPage } from '../login/LoginPage';
import { StaffShell } from './StaffShell';

/** The staff web UI: the desktop's theme and locale; the login page until a session exists. */
export function StaffApp() {
  const [queryClient] = useState(createStaffQueryClient);
  const { session, notice } = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} form={{ requiredMark: renderRequiredMark }} button={{ autoInsertSpace: false }}>
      <AntApp style={{ height: '100%' }}>
        <QueryClientProvider client={queryClient}>{session ? <StaffShell key={session.token} user={session.user} /> : <LoginPage notice={notice} />}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
