import { Badge, Divider, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useStatus } from '../features/settings/use-settings';
import { formatCount } from '../../src-shared/format/numbers';

/** Who is working, for which unit, and how much is still waiting to reach the provincial server. */
export function StatusBar() {
  const status = useStatus();
  if (status.isError) {
    return (
      <Flex role="status" style={barStyle}>
        <Badge status="error" text="与本机程序的连接已断开，请确认程序仍在运行" />
      </Flex>
    );
  }
  const data = status.data;
  return (
    <Flex role="status" aria-label="状态栏" align="center" wrap style={barStyle}>
      <Typography.Text>操作员：{data?.operatorName ?? '—'}</Typography.Text>
      <Divider orientation="vertical" />
      <Typography.Text>单位：{data?.countyName ?? '—'}</Typography.Text>
      <Divider orientation="vertical" />
      <Typography.Text>未同步修改 {formatCount(data?.pendingChanges ?? 0)} 条</Typography.Text>
      <Divider orientation="vertical" />
      <Typography.Text>上次同步 {data?.lastSyncAt ? dayjs(data.lastSyncAt).format('YYYY-MM-DD HH:mm') : '—'}</Typography.Text>
      <Divider orientation="vertical" />
      <ConnectionBadge online={data?.online ?? null} />
    </Flex>
  );
}

function ConnectionBadge({ online }: { online: boolean | null }) {
  if (online === null) return <Badge status="default" text="未连接服务器" />;
  return online ? <Badge status="success" text="在线" /> : <Badge status="warning" text="离线" />;
}

const barStyle = {
  padding: '4px 16px',
  borderTop: '1px solid #e5e6eb',
  background: '#fafafa',
  fontSize: 13,
  minHeight: 32,
} as const;
