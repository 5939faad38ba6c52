import { Button, Result } from 'antd';
import { messageOf } from '../api/rpc-error';

/**
 * A whole screen could not load: say why in Chinese and offer the one action that may help. `message` overrides
 * the text for errors of another client (the staff web UI's).
 */
export function LoadFailed({ error, onRetry, message }: { error: unknown; onRetry: () => void; message?: string }) {
  return (
    <Result
      status="error"
      title="数据没有加载出来"
      subTitle={message ?? messageOf(error)}
      extra={
        <Button type="primary" onClick={onRetry}>
          重试
        </Button>
      }
    />
  );
}
