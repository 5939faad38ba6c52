import { Alert, App, Button, Flex, Form, List, Typography } from 'antd';
import { useState } from 'react';
import { chinaDateTime } from '../../../src-shared/format/china-time';
import type { DispatchReport } from '../../../src-shared/schemas/dispatch';
import { reportFormError } from '../../shared/server-errors';
import { CorrectionPanel } from './CorrectionPanel';
import { RuleLine } from '../../shared/RuleLine';
import { SubmitConfirm } from './SubmitConfirm';
import { useSubmitReport } from './use-dispatch';

/**
 * The rules run before submission (each with its id and severity), and the submission itself, confirmed on a summary
 * of what goes up (SubmitConfirm). A failing 强制 rule blocks 上报 (the main process refuses it as well); a failing 提示
 * rule asks for a 上报说明, which goes up with the report beside the figure. A locked period offers its correction
 * requests (CorrectionPanel).
 */
export function SubmitPanel({ report }: { report: DispatchReport }) {
  const { message } = App.useApp();
  const submit = useSubmitReport();
  const [confirming, setConfirming] = useState(false);
  const [form] = Form.useForm<{ forceReason: string }>();
  const failing = report.checks.filter((c) => !c.passed);
  const blocking = failing.filter((c) => c.severity === 'mandatory');

  const send = (forceReason?: string) =>
    submit.mutate(
      { periodId: report.period.id, ...(forceReason ? { forceReason } : {}) },
      {
        onSuccess: () => {
          void message.success('已上报，本期调度表已锁定；同步后送达上级单位');
          setConfirming(false);
        },
        onError: (error) => reportFormError(error, form, ['forceReason'], message),
      },
    );

  return (
    <Flex vertical gap={12}>
      {failing.length === 0 ? (
        <Alert type="success" showIcon title={`上报前检查全部通过（${report.checks.length} 条规则）`} />
      ) : (
        <Alert
          type={blocking.length > 0 ? 'error' : 'warning'}
          showIcon
          title={blocking.length > 0 ? `有 ${blocking.length} 项强制规则未通过，不能上报` : `有 ${failing.length} 项提示规则未通过`}
          description={<List size="small" dataSource={failing} renderItem={(c) => <List.Item><RuleLine outcome={c} /></List.Item>} />}
        />
      )}
      {report.skippedRules.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={`省里下发的 ${report.skippedRules.length} 条规则本机版本不支持，已跳过`}
          description={`跳过的规则：${report.skippedRules.map((r) => r.ruleId).join('、')}。请升级本软件；跳过的规则随调度表一并上报，审核人可以看到。`}
        />
      )}
      {report.forceReason && (
        <Typography.Text>
          上报说明：<strong>{report.forceReason}</strong>
        </Typography.Text>
      )}
      {report.locked ? (
        <Typography.Text type="secondary">
          {report.submittedAt ? `已于 ${chinaDateTime(report.submittedAt)} 由 ${report.submittedBy ?? '—'} 上报，` : ''}
          {report.reportStatus === 'accepted'
            ? '本期已审核通过并锁定：数字、调整和日期落在本期内的学员、培训记录都不能再改动；如确需更正，请提交更正申请，批准后再修改上报。'
            : '本期正在等待审核，不能再修改；如需修改，请联系上级单位退回。'}
        </Typography.Text>
      ) : (
        <Flex gap={8} align="center">
          {failing.length === 0 ? (
            <Button type="primary" disabled={!report.canSubmit} loading={submit.isPending} onClick={() => setConfirming(true)}>
              上报
            </Button>
          ) : (
            <Button type="primary" danger disabled={!report.canSubmit || blocking.length > 0} onClick={() => setConfirming(true)}>
              填写说明后上报…
            </Button>
          )}
          {!report.canSubmit && <Typography.Text type="secondary">本期统计截止日 {report.period.cutoffDate} 当天起才能上报。</Typography.Text>}
        </Flex>
      )}
      <CorrectionPanel report={report} />
      <SubmitConfirm report={report} open={confirming} sending={submit.isPending} form={form} onSend={send} onCancel={() => setConfirming(false)} />
    </Flex>
  );
}
