import { App, Button, Form, Input, Space } from 'antd';
import { reportFormError } from '../../shared/server-errors';
import { useCreateOperator } from './use-operators';

interface Values {
  name: string;
}

/** Adds a clerk, who sets their own PIN at their first login; whoever is logged in stays logged in. */
export function NewOperatorForm({ onCreated }: { onCreated?: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOperator();

  const submit = (values: Values) =>
    create.mutate(
      { name: values.name },
      {
        onSuccess: (operator) => {
          form.resetFields();
          void message.success(`已添加操作员 ${operator.name}，其首次登录时设置自己的 PIN`);
          onCreated?.();
        },
        onError: (error) => reportFormError(error, form, ['name'], message),
      },
    );

  return (
    <Form form={form} name="new-operator" layout="vertical" onFinish={submit}>
      <Form.Item label="新操作员姓名" required htmlFor="new-operator_name">
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="name" noStyle rules={[{ required: true, whitespace: true, message: '请填写操作员姓名' }]}>
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            添加
          </Button>
        </Space.Compact>
      </Form.Item>
    </Form>
  );
}
