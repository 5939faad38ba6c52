import { Button, Card, Form, Input, Typography } from 'antd';
import type { Settings } from '../../../src-shared/schemas/settings';
import { useSettingsForm } from './use-settings-form';

interface Values {
  tableReviewer: string;
  contactPhone: string;
}

/**
 * 调度表签字栏: the 审核人 and 联系电话 lines of the printed table (填表人 is the operator who submits, 填报日期 the
 * day of submission). Left empty, the line prints blank for a hand signature.
 */
export function TableSignatureCard({ settings }: { settings: Settings | undefined }) {
  const { form, submit, saving } = useSettingsForm<Values>(
    settings,
    (s) => ({ tableReviewer: s.tableReviewer ?? '', contactPhone: s.contactPhone ?? '' }),
    (values) => ({ tableReviewer: values.tableReviewer ?? '', contactPhone: values.contactPhone ?? '' }),
    ['tableReviewer', 'contactPhone'],
    '已保存，调度表的签字栏将按此打印',
  );

  return (
    <Card size="small" title="调度表签字栏" loading={!settings}>
      <Typography.Paragraph type="secondary">
        打印和导出的调度表上，“填表人”是上报时的操作员，“填报日期”是上报日期；“审核人”和“联系电话”按这里填写，不填则留空供手写。
      </Typography.Paragraph>
      <Form form={form} name="table-signature" layout="inline" onFinish={submit}>
        <Form.Item name="tableReviewer" label="审核人">
          <Input maxLength={20} autoComplete="off" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话">
          <Input maxLength={30} autoComplete="off" inputMode="tel" placeholder="如 0451-82345678" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
