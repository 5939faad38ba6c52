import { App, Alert, Button, Flex, Form, Input, QRCode, Spin, Typography } from 'antd';
import { chinaDateTime } from '../../../src-shared/format/china-time';
import type { DispatchReport } from '../../../src-shared/schemas/dispatch';
import { reportFormError } from '../../shared/server-errors';
import { useConfirmReceipt, useShortCode } from './use-dispatch';

/**
 * 短码 (issue #16): with no line, the clerk reads this code over the phone to the province or city, or sends it by
 * SMS; the five figures and a signature of this PC travel in it. The province answers a receipt code, typed in
 * here (输入回执码), which shows the report as received until the next sync confirms it.
 */
export function ShortCodePanel({ report }: { report: DispatchReport }) {
  const code = useShortCode(report.period.id, report.locked);
  const confirm = useConfirmReceipt();
  const [form] = Form.useForm<{ receipt: string }>();
  const { message } = App.useApp();
  if (!report.locked) return null;
  if (!code.data) return <Spin size="small" />;
  if (!code.data.available) return <Typography.Text type="secondary">{code.data.reason}</Typography.Text>;
  const shown = code.data;

  const submit = ({ receipt }: { receipt: string }) =>
    confirm.mutate(
      { periodId: report.period.id, receipt },
      {
        onSuccess: () => {
          void message.success('回执码正确：省里已收到本期短码');
          form.resetFields();
        },
        onError: (error) => reportFormError(error, form, ['receipt'], message),
      },
    );

  return (
    <Flex vertical gap={8}>
      <Typography.Paragraph style={{ margin: 0 }}>
        没有网络时，可把下面的短码（第 {shown.revision} 次上报）读给省里或市里，发短信上报，或让对方用手机扫描二维码。里面有本单位、期次和五项数字，并由本机签名，抄错一位都会被发现。
      </Typography.Paragraph>
      <Flex gap={16} align="center">
        {/* Scanned with a phone at the province or city: opens 录入短码 with the code filled in. */}
        <QRCode value={shown.qrText} size={140} bordered={false} data-testid="short-code-qr" />
        <Typography.Title level={3} copyable={{ text: shown.code }} style={{ margin: 0, fontFamily: 'monospace', letterSpacing: 1 }} data-testid="short-code">
          {shown.code}
        </Typography.Title>
      </Flex>
      {shown.receipt ? (
        <Alert type="success" showIcon data-testid="short-code-receipt" message={`省里已收到短码（回执码 ${shown.receipt.code}，${chinaDateTime(shown.receipt.at)} 输入）。联网同步后以完整报表为准。`} />
      ) : (
        <Form form={form} layout="inline" onFinish={submit}>
          <Form.Item name="receipt" label="输入回执码" rules={[{ required: true, message: '请输入省里告诉您的回执码' }]}>
            <Input placeholder="9 位，例如 ABCDE-1234" maxLength={20} style={{ fontFamily: 'monospace', width: 200 }} data-testid="receipt-input" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={confirm.isPending} data-testid="receipt-submit">
              确认
            </Button>
          </Form.Item>
        </Form>
      )}
    </Flex>
  );
}
