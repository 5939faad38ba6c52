import { App, Button, List, Tag } from 'antd';
import { messageOf } from '../../api/rpc-error';
import { NewOperatorForm } from './NewOperatorForm';
import { useOperators, useSelectOperator } from './use-operators';

/** Switch to another clerk or add one, without leaving the work screens. */
export function OperatorManager({ currentId }: { currentId: string | null }) {
  const { message } = App.useApp();
  const operators = useOperators();
  const select = useSelectOperator();
  return (
    <>
      <List
        size="small"
        loading={operators.isLoading}
        dataSource={operators.data ?? []}
        locale={{ emptyText: '还没有操作员' }}
        renderItem={(operator) => (
          <List.Item
            actions={[
              operator.id === currentId ? (
                <Tag color="blue" key="current">
                  当前操作员
                </Tag>
              ) : (
                <Button
                  key="select"
                  size="small"
                  loading={select.isPending && select.variables?.id === operator.id}
                  onClick={() =>
                    select.mutate(
                      { id: operator.id },
                      {
                        onSuccess: () => void message.success(`现在由 ${operator.name} 操作`),
                        onError: (error) => void message.error(messageOf(error)),
                      },
                    )
                  }
                >
                  切换为此操作员
                </Button>
              ),
            ]}
          >
            {operator.name}
          </List.Item>
        )}
      />
      <NewOperatorForm />
    </>
  );
}
