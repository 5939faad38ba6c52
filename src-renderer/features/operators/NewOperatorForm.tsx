import { App, Button, Form, Input, Space } from 'antd';
import { reportFormError } from '../../shared/server-errors';
import { useCreateOperator } from './use-operators';

interface Values {
  name: string;
}

/** Adds a clerk; the new clerk becomes the current operator (that is what operators.create does). */
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
          void message.success(`已添加操作员 ${operator.name}，现在由其操作`);
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
            添加并使用
          </Button>
        </Space.Compact>
      </Form.Item>
    </Form>
  );
}
