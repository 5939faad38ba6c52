import { Divider, Flex, Space, Tag, Typography } from 'antd';
import { useSessionState } from '../lock/use-session';
import { NewOperatorForm } from './NewOperatorForm';
import { ResetPinButton } from './ResetPinButton';

/**
 * The clerks of this PC and adding one. Nobody switches to a colleague from here: the next clerk logs in at the
 * lock screen with their own PIN (锁定, top right). A colleague's forgotten PIN is reset here (重置 PIN).
 */
export function OperatorManager({ currentId }: { currentId: string | null }) {
  const session = useSessionState();
  return (
    <>
      <Flex vertical role="list" aria-label="操作员名单">
        {(session.data?.operators ?? []).map((operator) => (
          <Flex key={operator.id} role="listitem" justify="space-between" align="center" style={{ padding: '6px 0' }}>
            <Typography.Text>{operator.name}</Typography.Text>
            {operator.id === currentId ? (
              <Tag color="blue">当前操作员</Tag>
            ) : operator.hasPin ? (
              <Space size={8}>
                {operator.lockedUntil ? <Tag color="red">输错过多，已锁定</Tag> : <Tag>已设置 PIN</Tag>}
                <ResetPinButton operator={operator} />
              </Space>
            ) : (
              <Tag color="orange">首次登录时设置 PIN</Tag>
            )}
          </Flex>
        ))}
      </Flex>
      <Divider style={{ margin: '8px 0 16px' }} />
      <NewOperatorForm />
    </>
  );
}
