import { Button, Result } from 'antd';
import { messageOf } from '../api/rpc-error';

/** A whole screen could not load: say why in Chinese and offer the one action that may help. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Result
      status="error"
      title="数据没有加载出来"
      subTitle={messageOf(error)}
      extra={
        <Button type="primary" onClick={onRetry}>
          重试
        </Button>
      }
    />
  );
}
