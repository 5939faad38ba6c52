import { Alert, App, Button, Flex, Form, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { DispatchReport } from '../../../src-shared/schemas/dispatch';
import { reportFormError } from '../../shared/server-errors';
import { CorrectionPanel } from './CorrectionPanel';
import { useSubmitReport } from './use-dispatch';

/**
 * Checks before submission, and the submission itself. A failing check does not block the clerk: 强制上报 asks for
 * the reason the figures are right anyway, and that reason goes up with the report.
 */
export function SubmitPanel({ report }: { report: DispatchReport }) {
  const { message } = App.useApp();
  const submit = useSubmitReport();
  const [forcing, setForcing] = useState(false);
  const [form] = Form.useForm<{ forceReason: string }>();
  const failing = report.checks.filter((c) => !c.passed);

  const send = (forceReason?: string) =>
    submit.mutate(
      { periodId: report.period.id, ...(forceReason ? { forceReason } : {}) },
      {
        onSuccess: () => {
          void message.success('已上报，本期调度表已锁定');
          setForcing(false);
        },
        onError: (error) => reportFormError(error, form, ['forceReason'], message),
      },
    );

  return (
    <Flex vertical gap={12}>
      {failing.length === 0 ? (
        <Alert type="success" showIcon title="上报前检查全部通过" />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={`有 ${failing.length} 项检查未通过`}
          description={<List size="small" dataSource={failing} renderItem={(c) => <List.Item>{c.message}</List.Item>} />}
        />
      )}
      {report.forceReason && (
        <Typography.Text>
          强制上报说明：<strong>{report.forceReason}</strong>
        </Typography.Text>
      )}
      {report.locked ? (
        <Typography.Text type="secondary">
          {report.submittedAt ? `已于 ${new Date(report.submittedAt).toLocaleString('zh-CN')} 由 ${report.submittedBy ?? '—'} 上报，` : ''}
          {report.reportStatus === 'accepted'
            ? '本期已审核通过并锁定：数字、调整和日期落在本期内的学员、培训记录都不能再改动；如确需更正，请提交更正申请，批准后再修改上报。'
            : '本期正在等待审核，不能再修改；如需修改，请联系上级单位退回。'}
        </Typography.Text>
      ) : (
        <Flex gap={8} align="center">
          {failing.length === 0 ? (
            <Button type="primary" disabled={!report.canSubmit} loading={submit.isPending} onClick={() => send()}>
              上报
            </Button>
          ) : (
            <Button type="primary" danger disabled={!report.canSubmit} onClick={() => setForcing(true)}>
              强制上报…
            </Button>
          )}
          {!report.canSubmit && <Typography.Text type="secondary">本期统计截止日 {report.period.cutoffDate} 当天起才能上报。</Typography.Text>}
        </Flex>
      )}
      <CorrectionPanel report={report} />
      <Modal
        open={forcing}
        title="强制上报"
        okText="确认上报"
        okButtonProps={{ danger: true, loading: submit.isPending }}
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setForcing(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>检查未通过的数字也可以上报，但必须写明原因，说明会随调度表一并上报。</Typography.Paragraph>
        <Form form={form} name="dispatch-force" layout="vertical" onFinish={(v) => send(v.forceReason)}>
          <Form.Item name="forceReason" label="强制上报说明" rules={[{ required: true, whitespace: true, min: 4, message: '请写明强制上报的原因（至少 4 个字）' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
