import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { createQueryClient } from '../api/query-client';
import { renderRequiredMark } from '../shared/required-mark';
import { MissingToken } from './MissingToken';
import { StartGate } from './StartGate';
import { appTheme } from './theme';

export function App({ canReachHost }: { canReachHost: boolean }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider
      locale={zhCN}
      theme={appTheme}
      form={{ requiredMark: renderRequiredMark, scrollToFirstError: { block: 'center', focus: true } }}
      // '保存' stays one word for screen readers instead of antd's spaced-out '保 存'.
      button={{ autoInsertSpace: false }}
    >
      <AntApp style={{ height: '100%' }}>
        <QueryClientProvider client={queryClient}>{canReachHost ? <StartGate /> : <MissingToken />}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
