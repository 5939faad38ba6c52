import { Flex, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { isRpcError } from '../api/rpc-error';
import { useAppEvents } from '../api/use-app-events';
import { OperatorChoice } from '../features/operators/OperatorChoice';
import { useOperators } from '../features/operators/use-operators';
import { useSettings } from '../features/settings/use-settings';
import { SetupPage } from '../features/setup/SetupPage';
import { AppShell } from './AppShell';
import { LoadFailed } from './LoadFailed';
import { MissingToken } from './MissingToken';
import { hasChosenOperator, rememberOperatorChosen } from './operator-session';

/**
 * Decides what the clerk sees first: the first-run setup on an unconfigured installation, the
 * operator choice when several clerks share this PC, otherwise the work screens.
 */
export function StartGate() {
  useAppEvents();
  const settings = useSettings();
  const configured = settings.data?.configured === true;
  const operators = useOperators(configured);
  const [chosen, setChosen] = useState(hasChosenOperator);
  const operatorCount = operators.data?.length ?? 0;
  const hasOperator = Boolean(settings.data?.operator);
  // With a single clerk there was nothing to choose, yet the session knows who works: when a second
  // clerk is added from 设置, this session must not be sent back to the choice screen.
  useEffect(() => {
    if (hasOperator && operatorCount === 1 && !chosen) rememberOperatorChosen(setChosen);
  }, [hasOperator, operatorCount, chosen]);

  if (isRpcError(settings.error) && settings.error.code === 'UNAUTHORIZED') return <MissingToken expired />;
  // A failed background refetch keeps the screens up (the status bar reports the lost connection).
  if (!settings.data) {
    return settings.isError ? <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} /> : <Loading />;
  }
  if (!settings.data.configured) return <SetupPage onDone={() => rememberOperatorChosen(setChosen)} />;
  if (!operators.data) {
    return operators.isError ? <LoadFailed error={operators.error} onRetry={() => void operators.refetch()} /> : <Loading />;
  }

  const mustChoose = settings.data.operator === null || (operators.data.length > 1 && !chosen);
  if (mustChoose) {
    return (
      <OperatorChoice
        operators={operators.data}
        currentId={settings.data.operator?.id ?? null}
        onChosen={() => rememberOperatorChosen(setChosen)}
      />
    );
  }
  return <AppShell settings={settings.data} />;
}

function Loading() {
  return (
    <Flex align="center" justify="center" style={{ height: '100%' }}>
      <Spin size="large" description="正在打开…" />
    </Flex>
  );
}
