import { App, Button, Flex, Form, Input, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { reviewerText } from '../../../src-shared/domain/dispatch-status';
import { chinaDateTime } from '../../../src-shared/format/china-time';
import type { CorrectionRequest, DispatchReport } from '../../../src-shared/schemas/dispatch';
import { reportFormError } from '../../shared/server-errors';
import { useRequestCorrection } from './use-dispatch';

const STATE_TAGS: Record<CorrectionRequest['state'], { color: string; text: string }> = {
  unsent: { color: 'default', text: '待同步' },
  requested: { color: 'processing', text: '待批' },
  granted: { color: 'success', text: '已批准' },
  refused: { color: 'error', text: '已拒绝' },
  rejected: { color: 'warning', text: '未被接收' },
};

const when = (iso: string) => chinaDateTime(iso);

function stateLine(c: CorrectionRequest): string {
  switch (c.state) {
    case 'unsent':
      return '尚未送达，下次同步时上报。';
    case 'requested':
      return '已送达，等待审批。';
    case 'rejected':
      return `省服务器没有接收这份申请：${c.rejection ?? ''}`;
    default: {
      const who = reviewerText(c.decidedLevel, c.decidedBy);
      const at = c.decidedAt ? `于 ${when(c.decidedAt)} ` : '';
      return c.state === 'granted'
        ? `${who} ${at}批准${c.comment ? `：${c.comment}` : ''}。本期已重新打开，请修改后重新上报。`
        : `${who} ${at}未批准，理由：${c.comment ?? '（无）'}。`;
    }
  }
}

/**
 * 更正申请 on a locked (accepted) period: what changes and why, both required, sent by sync to the level that accepted
 * the report; each request's state as it comes back (待同步 / 待批 / 已批准 / 已拒绝, with who, when, why).
 */
export function CorrectionPanel({ report }: { report: DispatchReport }) {
  const { message } = App.useApp();
  const request = useRequestCorrection();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ what: string; why: string }>();
  if (report.corrections.length === 0 && !report.canRequestCorrection) return null;

  const send = (values: { what: string; why: string }) =>
    request.mutate(
      { periodId: report.period.id, ...values },
      {
        onSuccess: () => {
          void message.success('更正申请已保存，将在下次同步时上报');
          setOpen(false);
          form.resetFields();
        },
        onError: (error) => reportFormError(error, form, ['what', 'why'], message),
      },
    );

  return (
    <Flex vertical gap={8}>
      {report.canRequestCorrection && (
        <Flex gap={8} align="center">
          <Button onClick={() => setOpen(true)}>提交更正申请…</Button>
          <Typography.Text type="secondary">批准后本期重新打开，可修改并重新上报；只影响本县。</Typography.Text>
        </Flex>
      )}
      {report.corrections.length > 0 && (
        <List
          size="small"
          header="更正申请"
          dataSource={report.corrections}
          renderItem={(c) => (
            <List.Item>
              <Flex vertical gap={2}>
                <span>
                  <Tag color={STATE_TAGS[c.state].color}>{STATE_TAGS[c.state].text}</Tag>
                  {c.what}
                </span>
                <Typography.Text type="secondary">
                  原因：{c.why}（{c.requestedBy ?? '—'} 于 {when(c.requestedAt)} 提交）
                </Typography.Text>
                <Typography.Text>{stateLine(c)}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={open}
        title="提交更正申请"
        okText="提交申请"
        okButtonProps={{ loading: request.isPending }}
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>本期调度表已审核通过并锁定。写明要更正什么、为什么，申请将在同步时送交审核通过它的上级单位审批。</Typography.Paragraph>
        <Form form={form} name="dispatch-correction" layout="vertical" onFinish={send}>
          <Form.Item name="what" label="更正内容" extra="例如：实名注册学员人次数由 120 改为 125" rules={[{ required: true, whitespace: true, min: 4, message: '请写明要更正的内容（至少 4 个字）' }]}>
            <Input.TextArea rows={2} maxLength={500} showCount autoFocus />
          </Form.Item>
          <Form.Item name="why" label="更正原因" rules={[{ required: true, whitespace: true, min: 4, message: '请写明更正的原因（至少 4 个字）' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
