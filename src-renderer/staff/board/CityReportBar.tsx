import { Alert, App, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CITY_STAGE_NAMES, type Board } from '../../../src-shared/staff-api';
import { staffMessageOf } from '../api/staff-error';
import { useCityReview, useCitySubmit } from '../api/use-staff';
import { formatTime } from '../shared/format';
import { CityReportPrint } from './CityReportPrint';

/**
 * The city report of the city on the board: its stage, who submitted it, its notes and the province's answer; a city
 * account submits it here (强制上报 needs a reason naming every county not yet accepted: the server says which), and
 * the province accepts or returns it (a return reopens the city's review).
 */
export function CityReportBar({ board, period, mayAct, mayJudge = false }: { board: Board; period: string; mayAct: boolean; mayJudge?: boolean }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [judging, setJudging] = useState<'accept' | 'return' | null>(null);
  const submit = useCitySubmit();
  const review = useCityReview();
  const [judgeForm] = Form.useForm<{ comment?: string }>();
  const [form] = Form.useForm<{ note?: string; forceReason?: string }>();
  const report = board.cityReport;
  if (!report) return null;
  const missing = board.rows.filter((r) => r.stage !== 'accepted');
  const closed = report.stage === 'submitted' || report.stage === 'accepted';
  const send = (values: { note?: string; forceReason?: string }) =>
    submit.mutate(
      { city: report.cityCode, period, note: values.note?.trim() || null, forceReason: values.forceReason?.trim() || null },
      {
        onSuccess: () => {
          void message.success(`已上报${report.cityName}市级报表，等待省里审核`);
          setOpen(false);
        },
        onError: (error) => void message.error(staffMessageOf(error)),
      },
    );
  const judge = (values: { comment?: string }) => {
    if (!judging) return;
    review.mutate(
      { city: report.cityCode, period, decision: judging, comment: values.comment?.trim() || null },
      {
        onSuccess: () => {
          void message.success(judging === 'accept' ? `已审核通过${report.cityName}市级报表` : `已退回${report.cityName}市级报表，市里重新审核后再上报`);
          setJudging(null);
        },
        onError: (error) => void message.error(staffMessageOf(error)),
      },
    );
  };
  return (
    <>
    <Alert
      type={report.stage === 'returned' ? 'warning' : report.stage === 'accepted' ? 'success' : 'info'}
      showIcon
      title={
        <Space wrap>
          <span>{report.cityName}市级报表</span>
          <Tag>{CITY_STAGE_NAMES[report.stage]}</Tag>
          {report.submittedAt && <Typography.Text type="secondary">{report.submittedBy} 于 {formatTime(report.submittedAt)} 上报</Typography.Text>}
          {report.decisionComment && <Typography.Text>省里意见：{report.decisionComment}（{formatTime(report.decidedAt)}）</Typography.Text>}
          {report.forceReason && <Typography.Text type="warning">强制上报说明：{report.forceReason}</Typography.Text>}
          {report.note && <Typography.Text type="secondary">上报说明：{report.note}</Typography.Text>}
          {report.submittedAt && report.stage !== 'withdrawn' && <CityReportPrint city={report.cityCode} cityName={report.cityName} period={period} />}
          {mayJudge && report.stage === 'submitted' && (
            <>
              <Button size="small" type="primary" onClick={() => setJudging('accept')}>
                通过市级报表
              </Button>
              <Button size="small" danger onClick={() => setJudging('return')}>
                退回市级报表
              </Button>
            </>
          )}
          {mayAct && report.reviewer === 'city' && !closed && (
            <Button size="small" type="primary" onClick={() => setOpen(true)}>
              上报市级报表
            </Button>
          )}
        </Space>
      }
    />
        <Modal open={open} title={`上报${report.cityName}市级报表`} okText="上报" cancelText="取消" onOk={() => form.submit()} onCancel={() => setOpen(false)} okButtonProps={{ loading: submit.isPending }} destroyOnHidden>
          <Typography.Paragraph>市级报表按已审核通过的县级报表汇总（每县一行并合计），上报后本市的审核即结束，省里退回后才能再修改。</Typography.Paragraph>
          {missing.length > 0 && <Alert type="warning" showIcon title={`还有 ${missing.length} 个县（区、市）未审核通过：${missing.map((r) => r.countyName).join('、')}。如需先上报，请填写强制上报说明并写明这些县的名称。`} />}
          <Form form={form} layout="vertical" onFinish={send} preserve={false}>
            <Form.Item name="note" label="上报说明（可不填）">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            {missing.length > 0 && (
              <Form.Item name="forceReason" label="强制上报说明" rules={[{ required: true, whitespace: true, message: '请写明未审核通过的县及原因' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            )}
          </Form>
        </Modal>
        <Modal
          open={judging !== null}
          title={`${judging === 'return' ? '退回' : '审核通过'}${report.cityName}市级报表`}
          okText={judging === 'return' ? '退回' : '审核通过'}
          cancelText="取消"
          okButtonProps={{ danger: judging === 'return', loading: review.isPending }}
          onOk={() => judgeForm.submit()}
          onCancel={() => setJudging(null)}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">
            {judging === 'return'
              ? '退回后市里的审核重新打开，由市里决定退回哪些县的报表；请写明退回原因。'
              : '审核通过后本市各县本期调度表锁定，之后只能经更正申请修改。'}
          </Typography.Paragraph>
          <Form form={judgeForm} layout="vertical" onFinish={judge} preserve={false}>
            <Form.Item name="comment" label={judging === 'return' ? '退回原因' : '审核意见（可不填）'} rules={judging === 'return' ? [{ required: true, whitespace: true, message: '退回时请写明原因，市里据此处理' }] : []}>
              <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
            </Form.Item>
          </Form>
        </Modal>
    </>
  );
}
