import { CloudSyncOutlined } from '@ant-design/icons';
import { Button, Card, Result, Typography } from 'antd';
import { useStatus } from '../settings/use-settings';

/** 数据同步: a placeholder that still tells the clerk the one thing that matters, how much waits to be sent. */
export function SyncPage() {
  const status = useStatus();
  const pending = status.data?.pendingChanges ?? 0;
  return (
    <Card size="small" title="数据同步">
      <Result
        icon={<CloudSyncOutlined />}
        title="省级服务器开通后即可一键同步"
        subTitle={
          <>
            <Typography.Paragraph>
              本机有 <Typography.Text strong>{pending}</Typography.Text> 条修改尚未同步。所有数据已安全保存在本机，
              断网时可以照常登记。
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              同步功能将随省级服务器一同提供：届时按下“立即同步”，本机的登记会上报到省里，省里的平台目录和调度期次会下载到本机。
            </Typography.Paragraph>
          </>
        }
        extra={
          <Button type="primary" disabled>
            立即同步（暂未开通）
          </Button>
        }
      />
    </Card>
  );
}
