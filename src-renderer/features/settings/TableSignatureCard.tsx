import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Settings } from '../../../src-shared/schemas/settings';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { reportFormError } from '../../shared/server-errors';

interface Values {
  tableReviewer: string;
  contactPhone: string;
}

/**
 * 调度表签字栏: the 审核人 and 联系电话 lines of the printed table (填表人 is the operator who submits, 填报日期 the
 * day of submission). Left empty, the line prints blank for a hand signature.
 */
export function TableSignatureCard({ settings }: { settings: Settings | undefined }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (values: Values) => invoke('settings.set', { tableReviewer: values.tableReviewer ?? '', contactPhone: values.contactPhone ?? '' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.settings }),
  });
  useEffect(() => {
    if (settings) form.setFieldsValue({ tableReviewer: settings.tableReviewer ?? '', contactPhone: settings.contactPhone ?? '' });
  }, [settings, form]);

  const submit = (values: Values) =>
    save.mutate(values, {
      onSuccess: () => void message.success('已保存，调度表的签字栏将按此打印'),
      onError: (error) => reportFormError(error, form, ['tableReviewer', 'contactPhone'], message),
    });

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
          <Button htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
