import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { appTheme } from '../../app/theme';
import { renderRequiredMark } from '../../shared/required-mark';
import { sessionStore } from '../api/session';
import { createStaffQueryClient } from '../api/use-staff';
import { LoginPage } from '../login/LoginPage';
import { StaffShell } from './StaffShell';

/** The staff web UI: the desktop's theme and locale; the login page until a session exists. */
export function StaffApp() {
  const { session, notice } = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} form={{ requiredMark: renderRequiredMark }} button={{ autoInsertSpace: false }}>
      <AntApp style={{ height: '100%' }}>
        {/* Keyed by the session: however it ends (logout, expiry, a 401), the next user of this tab
            starts with an empty cache and never sees the previous one's answers. */}
        <SessionCache key={session?.token ?? 'none'}>
          {session ? <StaffShell session={session} /> : <LoginPage notice={notice} />}
        </SessionCache>
      </AntApp>
    </ConfigProvider>
  );
}

function SessionCache({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createStaffQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
