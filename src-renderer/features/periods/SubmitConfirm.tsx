import { Alert, Form, Input, List, Modal, Table, Typography, type FormInstance } from 'antd';
import type { DispatchReport } from '../../../src-shared/schemas/dispatch';
import { RuleLine } from '../../shared/RuleLine';

type FigureLine = DispatchReport['figures'][number];

/**
 * What goes up, shown before it goes (issue #15 item 5): every figure with the value computed from the records, the
 * adjustment and its reason, and the 提示 rules this submission goes past with its 上报说明, which the reviewer will
 * read beside the figures (a failing 强制 rule never gets here: 上报 is disabled).
 */
export function SubmitConfirm({
  report,
  open,
  sending,
  form,
  onSend,
  onCancel,
}: {
  report: DispatchReport;
  open: boolean;
  sending: boolean;
  form: FormInstance<{ forceReason: string }>;
  onSend: (forceReason?: string) => void;
  onCancel: () => void;
}) {
  const failing = report.checks.filter((c) => !c.passed);
  const adjusted = report.figures.filter((f) => f.adjustment);
  return (
    <Modal
      open={open}
      title={failing.length > 0 ? '带说明上报' : '确认上报'}
      okText="确认上报"
      okButtonProps={{ danger: failing.length > 0, loading: sending }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onCancel}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {report.unitName} 第 {report.period.seq} 期（截止 {report.period.cutoffDate}）将上报以下数字。上报后本期锁定，审核通过后只能通过更正申请修改。
      </Typography.Paragraph>
      <Table<FigureLine>
        rowKey="key"
        size="small"
        pagination={false}
        aria-label="上报数字确认"
        dataSource={report.figures}
        columns={[
          { title: '项目', dataIndex: 'label', key: 'label' },
          { title: '按记录计算', dataIndex: 'computed', key: 'computed', align: 'right', width: 100 },
          { title: '调整原因', key: 'reason', render: (_v, f) => (f.adjustment ? `调整为 ${f.adjustment.value}：${f.adjustment.reason}` : '—') },
          { title: '上报数', dataIndex: 'final', key: 'final', align: 'right', width: 80, render: (v: number) => <strong>{v}</strong> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {adjusted.length > 0 ? `其中 ${adjusted.length} 项按调整后的数字上报，调整原因随表上报。` : '全部按记录计算的数字上报，没有调整。'}
      </Typography.Paragraph>
      {failing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有 ${failing.length} 项提示规则未通过，将随说明上报`}
          description={<List size="small" dataSource={failing} renderItem={(c) => <List.Item><RuleLine outcome={c} /></List.Item>} />}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} name="dispatch-submit" layout="vertical" onFinish={(v) => onSend(failing.length > 0 ? v.forceReason : undefined)}>
        {failing.length > 0 && (
          <Form.Item
            name="forceReason"
            label="上报说明"
            extra="说明会随调度表一并上报，审核人在未通过规则的数字旁看到。"
            rules={[{ required: true, whitespace: true, min: 4, message: '请写明数字属实的原因（至少 4 个字）' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
