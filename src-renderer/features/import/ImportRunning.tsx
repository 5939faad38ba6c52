import { Button, Progress, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useImportProgress } from './use-import';
import { formatCount } from '../../../src-shared/format/numbers';

/** A running import: how far it is, and the way out, which rolls back everything written so far. */
export function ImportRunning({ jobId, cancelling, onCancel }: { jobId: string; cancelling: boolean; onCancel: () => void }) {
  const progress = useImportProgress(jobId);
  const done = progress?.phase === 'write' ? progress.done : 0;
  const total = progress?.phase === 'write' ? progress.total : 0;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  // The check results above can be long: the progress and 取消 are brought into view when the import starts.
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    shown.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  return (
    <div ref={shown}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Progress percent={percent} status="active" aria-label="导入进度" />
        <Space>
          <Typography.Text role="status">
            {cancelling ? '正在取消，已写入的数据将全部撤回…' : total > 0 ? `正在导入：${formatCount(done)} / ${formatCount(total)}` : '正在导入…'}
          </Typography.Text>
          <Button danger disabled={cancelling} onClick={onCancel}>
            取消
          </Button>
        </Space>
      </Space>
    </div>
  );
}
