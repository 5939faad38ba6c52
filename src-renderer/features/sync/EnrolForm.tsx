import { App, Button, Form, Input } from 'antd';
import { messageOf } from '../../api/rpc-error';
import { useSyncEnrol } from './use-sync';

/** Enrolment: the province's one-time code, exchanged once for this PC's token. */
export function EnrolForm() {
  const enrol = useSyncEnrol();
  const { message } = App.useApp();
  return (
    <Form
      layout="inline"
      onFinish={(values: { serverUrl: string; code: string }) =>
        enrol.mutate(values, {
          onSuccess: () => void message.success('登记成功，现在可以同步了'),
          onError: (error) => void message.error(messageOf(error)),
        })
      }
    >
      <Form.Item name="serverUrl" label="省服务器地址" rules={[{ required: true, message: '请填写省服务器地址' }]}>
        <Input placeholder="https://sync.example.gov.cn" style={{ width: 280 }} aria-label="省服务器地址" />
      </Form.Item>
      <Form.Item name="code" label="登记码" rules={[{ required: true, message: '请填写省里发放的登记码' }]}>
        <Input placeholder="省里发放的一次性登记码" style={{ width: 200 }} aria-label="登记码" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={enrol.isPending}>
        登记本机
      </Button>
    </Form>
  );
}
