import { App, Button, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CorrectionItem } from '../../../src-shared/staff-api';
import { staffMessageOf } from '../api/staff-error';
import { useCorrections, useDecideCorrection } from '../api/use-staff';
import { formatTime } from '../shared/format';

const STAGE_TAGS = { requested: { color: 'orange', text: '待批' }, granted: { color: 'green', text: '已批准' }, refused: { color: 'red', text: '未批准' } } as const;

/**
 * A period's correction requests (更正申请) in scope, or one county's: what, why, who asked and when, and where each
 * stands; the level a report is locked at grants (reopening that county's report only) or refuses (with the reason,
 * which reaches the county on its next sync).
 */
export function CorrectionList({ period, city, county }: { period: string; city: string | null; county?: string }) {
  const { message } = App.useApp();
  const list = useCorrections(period, city);
  const decide = useDecideCorrection();
  const [deciding, setDeciding] = useState<{ item: CorrectionItem; decision: 'grant' | 'refuse' } | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  const items = (list.data?.corrections ?? []).filter((c) => !county || c.countyCode === county);
  if (items.length === 0) return null;
  const refusing = deciding?.decision === 'refuse';
  const send = (values: { comment?: string }) => {
    if (!deciding) return;
    decide.mutate(
      { id: deciding.item.id, decision: deciding.decision, comment: values.comment?.trim() || null },
      {
        onSuccess: () => {
          void message.success(refusing ? `已不批准${deciding.item.countyName}的更正申请` : `已批准${deciding.item.countyName}的更正申请，其调度表已重新打开`);
          setDeciding(null);
        },
        onError: (error) => void message.error(staffMessageOf(error)),
      },
    );
  };
  return (
    <>
      <List
        size="small"
        bordered
        header={<Typography.Text strong>更正申请</Typography.Text>}
        dataSource={items}
        aria-label="更正申请"
        renderItem={(c) => (
          <List.Item
            actions={
              c.mayDecide
                ? [
                    <Button key="grant" size="small" type="primary" aria-label={`批准${c.countyName}的更正申请`} onClick={() => setDeciding({ item: c, decision: 'grant' })}>
                      批准
                    </Button>,
                    <Button key="refuse" size="small" danger aria-label={`不批准${c.countyName}的更正申请`} onClick={() => setDeciding({ item: c, decision: 'refuse' })}>
                      不批准
                    </Button>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={0}>
              <span>
                <Tag color={STAGE_TAGS[c.stage].color}>{STAGE_TAGS[c.stage].text}</Tag>
                {county ? '' : `${c.countyName}：`}
                {c.what}
              </span>
              <Typography.Text type="secondary">
                原因：{c.why}（{c.requestedBy ?? c.countyName} 于 {formatTime(c.requestedAt)} 申请）
              </Typography.Text>
              {c.decidedAt && (
                <Typography.Text type="secondary">
                  {c.decidedBy} 于 {formatTime(c.decidedAt)} {c.stage === 'granted' ? '批准' : '不批准'}
                  {c.comment ? `：${c.comment}` : ''}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={deciding !== null}
        title={deciding ? `${refusing ? '不批准' : '批准'}更正申请：${deciding.item.countyName}` : ''}
        okText={refusing ? '不批准' : '批准'}
        okButtonProps={{ danger: refusing, loading: decide.isPending }}
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {refusing ? '不批准时请写明理由，县里下次同步时可见，调度表保持原样。' : '批准后该县本期调度表重新打开（只影响该县），县里修改后重新上报；其所在的市级报表需重新上报。'}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={send} preserve={false}>
          <Form.Item name="comment" label={refusing ? '不批准理由' : '意见（可不填）'} rules={refusing ? [{ required: true, whitespace: true, message: '请写明不批准的理由' }] : []}>
            <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
