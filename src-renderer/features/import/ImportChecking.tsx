import { Button, Space, Spin, Typography } from 'antd';
import { useImportProgress } from './use-import';

/**
 * A dry run under way: rows read so far, and a way out. Mounted when the check starts, so the first progress event
 * it sees is this check's, which names the job to cancel.
 */
export function ImportChecking({ cancelling, onCancel }: { cancelling: boolean; onCancel: (jobId: string) => void }) {
  const reading = useImportProgress(null);
  return (
    <Space>
      <Spin size="small" />
      <Typography.Text role="status">
        {cancelling ? '正在取消检查…' : `正在检查文件${reading && reading.done > 0 ? `，已读取 ${reading.done} 行` : ''}…`}
      </Typography.Text>
      <Button danger disabled={cancelling || reading === null} onClick={() => reading && onCancel(reading.jobId)}>
        取消检查
      </Button>
    </Space>
  );
}
