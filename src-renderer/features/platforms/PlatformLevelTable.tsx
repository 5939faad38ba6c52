import { App, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Platform } from '../../../src-shared/schemas/reference';
import { messageOf } from '../../api/rpc-error';
import { useAdoptPlatform } from './use-platforms';

/** One level of the directory; adoption is this county's own choice, even on rows the province sent. */
export function PlatformLevelTable({ platforms, loading }: { platforms: Platform[]; loading: boolean }) {
  const { message } = App.useApp();
  const adopt = useAdoptPlatform();
  const pendingId = adopt.isPending ? adopt.variables?.platformId : undefined;

  const change = (platform: Platform, patch: { adopted?: boolean; inLocalDirectory?: boolean }) =>
    adopt.mutate(
      {
        platformId: platform.id,
        adopted: patch.adopted ?? platform.adopted,
        inLocalDirectory: patch.inLocalDirectory ?? platform.inLocalDirectory,
      },
      { onError: (error) => void message.error(messageOf(error)) },
    );

  const columns: ColumnsType<Platform> = [
    {
      title: '平台名称',
      key: 'name',
      render: (_value: unknown, p: Platform) => (
        <Space size={4} wrap>
          <span>{p.name}</span>
          {p.isDemo && <Tag color="orange">演示数据</Tag>}
          {p.readOnly && <Tag color="blue">省级下发</Tag>}
          {p.source === 'local' && <Tag>本县添加</Tag>}
        </Space>
      ),
    },
    {
      title: '网址',
      dataIndex: 'url',
      key: 'url',
      ellipsis: true,
      render: (url: string | null) => (url ? <Typography.Text copyable>{url}</Typography.Text> : '—'),
    },
    {
      title: '采用',
      key: 'adopted',
      width: 80,
      render: (_value: unknown, p: Platform) => (
        <Switch
          aria-label={`采用 ${p.name}`}
          checked={p.adopted}
          loading={pendingId === p.id}
          onChange={(adopted) => change(p, { adopted })}
        />
      ),
    },
    {
      title: '纳入两目录一系统',
      key: 'inLocalDirectory',
      width: 150,
      render: (_value: unknown, p: Platform) => (
        <Switch
          aria-label={`${p.name} 纳入两目录一系统`}
          checked={p.inLocalDirectory}
          loading={pendingId === p.id}
          onChange={(inLocalDirectory) => change(p, { inLocalDirectory })}
        />
      ),
    },
  ];

  return (
    <Table
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={platforms}
      loading={loading}
      pagination={false}
      locale={{ emptyText: '暂无平台' }}
    />
  );
}
