import { Flex, Spin } from 'antd';
import { isRpcError } from '../api/rpc-error';
import { useAppEvents } from '../api/use-app-events';
import { IdleLock } from '../features/lock/IdleLock';
import { LockScreen } from '../features/lock/LockScreen';
import { useSessionState } from '../features/lock/use-session';
import { useSettings } from '../features/settings/use-settings';
import { SetupPage } from '../features/setup/SetupPage';
import { AppShell } from './AppShell';
import { LoadFailed } from './LoadFailed';
import { MissingToken } from './MissingToken';

/**
 * Decides what the clerk sees first: the first-run setup on an unconfigured installation, the lock screen
 * while nobody is logged in (every start, after 锁定 and after the idle minutes), otherwise the work screens.
 */
export function StartGate() {
  useAppEvents();
  const session = useSessionState();
  const unlocked = session.data?.locked === false;
  const settings = useSettings(unlocked);

  if (isRpcError(session.error) && session.error.code === 'UNAUTHORIZED') return <MissingToken expired />;
  // A failed background refetch keeps the screens up (the status bar reports the lost connection).
  if (!session.data) {
    return session.isError ? <LoadFailed error={session.error} onRetry={() => void session.refetch()} /> : <Loading />;
  }
  if (!session.data.configured) return <SetupPage />;
  if (session.data.locked) return <LockScreen state={session.data} />;
  if (!settings.data) {
    return settings.isError ? <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} /> : <Loading />;
  }
  return (
    <>
      <IdleLock idleMinutes={session.data.idleLockMinutes} />
      <AppShell settings={settings.data} />
    </>
  );
}

function Loading() {
  return (
    <Flex align="center" justify="center" style={{ height: '100%' }}>
      <Spin size="large" description="正在打开…" />
    </Flex>
  );
}
