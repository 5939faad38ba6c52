import { App, Button, Popconfirm, Space, Table } from 'antd';
import type { SyncStatus } from '../../../src-shared/schemas/sync';
import { messageOf } from '../../api/rpc-error';
import { formatServerTime } from './server-time';
import { ENTITY_LABELS } from './progress-text';
import { useSyncDiscard } from './use-sync';

const EDIT_ROUTE: Record<string, string> = { trainee: 'trainees', enrolment: 'enrolments', platform: 'platforms', platform_adoption: 'platforms', dispatch_report: 'periods' };

/** Changes the server sent back, with its Chinese reason: 修改 opens the record, 放弃 drops it (audited). */
export function RejectionList({ rejections }: { rejections: SyncStatus['rejections'] }) {
  const discard = useSyncDiscard();
  const { message } = App.useApp();
  return (
    <Table
      size="small"
      rowKey="opId"
      pagination={rejections.length > 20 ? { pageSize: 20 } : false}
      dataSource={rejections}
      locale={{ emptyText: '没有未被接收的修改' }}
      columns={[
        { title: '类别', dataIndex: 'entity', width: 110, render: (e: string) => ENTITY_LABELS[e] ?? e },
        { title: '未接收原因', dataIndex: 'message' },
        { title: '时间（省服务器）', dataIndex: 'at', width: 170, render: (at: string) => formatServerTime(at) },
        {
          title: '处理',
          width: 140,
          render: (_: unknown, row: SyncStatus['rejections'][number]) => (
            <Space>
              <Button size="small" onClick={() => (window.location.hash = `/${EDIT_ROUTE[row.entity] ?? 'trainees'}?id=${encodeURIComponent(row.entityId)}`)}>
                修改
              </Button>
              <Popconfirm
                title="放弃这条修改？"
                description="它不会再上报，操作会记入操作日志。"
                okText="放弃"
                cancelText="取消"
                onConfirm={() => discard.mutateAsync(row.opId).catch((error: unknown) => void message.error(messageOf(error)))}
              >
                <Button size="small" danger>
                  放弃
                </Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );
}
