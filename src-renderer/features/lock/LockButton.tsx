import { LockOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { messageOf } from '../../api/rpc-error';
import { useLock } from './use-session';

/** 锁定, top right: the clerk leaving the PC (or handing it to a colleague) locks it at once. */
export function LockButton({ operatorName }: { operatorName: string | null }) {
  const { message } = App.useApp();
  const lock = useLock();
  return (
    <Flex align="center" gap={12} style={{ marginLeft: 'auto' }}>
      {operatorName && <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', whiteSpace: 'nowrap' }}>操作员 {operatorName}</Typography.Text>}
      <Button icon={<LockOutlined />} loading={lock.isPending} onClick={() => lock.mutate(undefined, { onError: (error) => void message.error(messageOf(error)) })}>
        锁定
      </Button>
    </Flex>
  );
}
