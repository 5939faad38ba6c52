import { App, Button, Divider, Flex, Tag, Typography } from 'antd';
import type { Operator } from '../../../src-shared/schemas/settings';
import { messageOf } from '../../api/rpc-error';
import { NewOperatorForm } from './NewOperatorForm';
import { useOperators, useSelectOperator } from './use-operators';

/** Switch to another clerk or add one, without leaving the work screens. */
export function OperatorManager({ currentId }: { currentId: string | null }) {
  const { message } = App.useApp();
  const operators = useOperators();
  const select = useSelectOperator();

  const choose = (operator: Operator) =>
    select.mutate(
      { id: operator.id },
      {
        onSuccess: () => void message.success(`现在由 ${operator.name} 操作`),
        onError: (error) => void message.error(messageOf(error)),
      },
    );

  return (
    <>
      <Flex vertical role="list" aria-label="操作员名单">
        {(operators.data ?? []).map((operator) => (
          <Flex key={operator.id} role="listitem" justify="space-between" align="center" style={{ padding: '6px 0' }}>
            <Typography.Text>{operator.name}</Typography.Text>
            {operator.id === currentId ? (
              <Tag color="blue">当前操作员</Tag>
            ) : (
              <Button
                size="small"
                loading={select.isPending && select.variables?.id === operator.id}
                onClick={() => choose(operator)}
              >
                切换为此操作员
              </Button>
            )}
          </Flex>
        ))}
      </Flex>
      <Divider style={{ margin: '8px 0 16px' }} />
      <NewOperatorForm />
    </>
  );
}
