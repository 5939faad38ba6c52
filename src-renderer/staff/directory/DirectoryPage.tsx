import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { DirectoryPlatform, StaffUser } from '../../../src-shared/staff-api';
import { PLATFORM_LEVEL_LABELS } from '../../features/platforms/platform-levels';
import { staffMessageOf } from '../api/staff-error';
import { usePlatforms, useRemovePlatform } from '../api/use-staff';
import { cityName } from '../shared/CitySelect';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import { PlatformModal } from './PlatformModal';

const LEVEL_LABEL = new Map(PLATFORM_LEVEL_LABELS.map((l) => [l.level, l.label]));

function mayEdit(user: StaffUser, p: DirectoryPlatform): boolean {
  return user.role === 'province' || (p.level === 'city' && p.cityCode === user.cityCode);
}

/** 平台目录: the provincial directory that every county receives by sync; staff add, edit and remove entries. */
export function DirectoryPage({ user }: { user: StaffUser }) {
  const { message } = App.useApp();
  const platforms = usePlatforms();
  const remove = useRemovePlatform();
  const [editing, setEditing] = useState<DirectoryPlatform | null>(null);
  const [adding, setAdding] = useState(false);

  const columns: ColumnsType<DirectoryPlatform> = [
    {
      title: '类别',
      key: 'level',
      width: 160,
      render: (_v, p) => (
        <Space size={4}>
          <Tag>{LEVEL_LABEL.get(p.level)}</Tag>
          {p.level === 'city' && cityName(p.cityCode)}
        </Space>
      ),
      filters: PLATFORM_LEVEL_LABELS.map((l) => ({ text: l.label, value: l.level })),
      onFilter: (value, p) => p.level === value,
    },
    { title: '平台名称', dataIndex: 'name', key: 'name' },
    { title: '网址', dataIndex: 'url', key: 'url', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_v, p) =>
        mayEdit(user, p) ? (
          <Space size="small">
            <Button size="small" aria-label={`修改${p.name}`} onClick={() => setEditing(p)}>
              修改
            </Button>
            <Popconfirm
              title="从省平台目录中删除？"
              description="各县下次同步时，该平台从本地目录移除。"
              okText="删除"
              cancelText="取消"
              onConfirm={() => remove.mutate(p.id, { onSuccess: () => void message.success('已删除'), onError: (e) => void message.error(staffMessageOf(e)) })}
            >
              <Button size="small" danger aria-label={`删除${p.name}`}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Alert
        type="info"
        showIcon
        title={user.role === 'province' ? '这里维护的平台目录在各县下次同步时下发。部推荐平台以人社部公布的名单为准。' : '地市账号可以维护本市的面向地市平台；部推荐和面向全省的平台由省里维护。'}
      />
      <Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          新增平台
        </Button>
      </Flex>
      {platforms.isError ? (
        <StaffLoadFailed error={platforms.error} onRetry={() => void platforms.refetch()} />
      ) : (
        <Table rowKey="id" size="small" columns={columns} dataSource={platforms.data?.platforms ?? []} loading={platforms.isLoading} pagination={false} aria-label="省平台目录" />
      )}
      <PlatformModal
        user={user}
        editing={editing}
        open={adding || editing !== null}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </Flex>
  );
}
