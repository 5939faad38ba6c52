import { App, Button, Form, Input } from 'antd';
import { isRpcError, messageOf } from '../../api/rpc-error';
import { useSyncEnrol } from './use-sync';

interface EnrolValues {
  serverUrl: string;
  code: string;
}

/** The server this PC is enrolled with, from an ALREADY_ENROLLED answer's details. */
function currentServerOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('serverUrl' in details)) return null;
  return typeof details.serverUrl === 'string' ? details.serverUrl : null;
}

/**
 * Enrolment: the province's one-time code, exchanged once for this PC's token. On a PC already enrolled the main
 * side refuses (ALREADY_ENROLLED) until the clerk confirms replacing the current server; only then is the same
 * request sent again with `replaceExisting`.
 */
export function EnrolForm({ onDone }: { onDone?: () => void }) {
  const enrol = useSyncEnrol();
  const { message, modal } = App.useApp();

  const submit = (values: EnrolValues, replaceExisting: boolean) =>
    enrol.mutate(replaceExisting ? { ...values, replaceExisting: true } : values, {
      onSuccess: () => {
        void message.success('登记成功，现在可以同步了');
        onDone?.();
      },
      onError: (error) => {
        if (!replaceExisting && isRpcError(error) && error.code === 'ALREADY_ENROLLED') {
          const current = currentServerOf(error.details) ?? '（未知）';
          modal.confirm({
            title: '替换本机的省服务器登记？',
            content: `本机已登记到省服务器 ${current}。替换后本机只与 ${values.serverUrl.trim()} 同步，原服务器不再收到本机的数据。请确认新地址是省里通知的，再点“替换登记”。`,
            okText: '替换登记',
            okButtonProps: { danger: true },
            cancelText: '取消',
            onOk: () => submit(values, true),
          });
          return;
        }
        void message.error(messageOf(error));
      },
    });

  return (
    <Form layout="inline" onFinish={(values: EnrolValues) => submit(values, false)}>
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
