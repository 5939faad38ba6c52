import { App, Button, Card, Flex, Typography } from 'antd';
import type { Operator } from '../../../src-shared/schemas/settings';
import { messageOf } from '../../api/rpc-error';
import { NewOperatorForm } from './NewOperatorForm';
import { useSelectOperator } from './use-operators';

interface Props {
  operators: Operator[];
  currentId: string | null;
  onChosen: () => void;
}

/** Asked once per session when several clerks share this PC: every record names who entered it. */
export function OperatorChoice({ operators, currentId, onChosen }: Props) {
  const { message } = App.useApp();
  const select = useSelectOperator();

  const choose = (operator: Operator) =>
    select.mutate({ id: operator.id }, { onSuccess: onChosen, onError: (error) => void message.error(messageOf(error)) });

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100%', background: '#f0f2f5', padding: 24 }}>
      <Card title="请选择操作员" style={{ width: 440 }}>
        <Typography.Paragraph type="secondary">
          本机有多位操作员。请选择您自己的名字，您录入和修改的每条记录都会记下操作员。
        </Typography.Paragraph>
        <Flex vertical gap={8}>
          {operators.map((operator) => (
            <Button
              key={operator.id}
              size="large"
              block
              type={operator.id === currentId ? 'primary' : 'default'}
              autoFocus={operator.id === currentId}
              loading={select.isPending && select.variables?.id === operator.id}
              onClick={() => choose(operator)}
            >
              {operator.name}
            </Button>
          ))}
        </Flex>
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          名单里没有您？
        </Typography.Title>
        <NewOperatorForm onCreated={onChosen} />
      </Card>
    </Flex>
  );
}
