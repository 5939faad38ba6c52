import { Flex, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import type { HistoryEntry } from '../../../src-shared/schemas/trainee';
import { messageOf } from '../../api/rpc-error';
import { usePlatforms } from '../platforms/use-platforms';
import { actionLabel, describeValue, fieldLabel, revealLabel } from './history-labels';
import { useTraineeHistory } from './use-trainees';

/** 操作记录: who registered, changed, looked at or deleted this record, and when (from the audit log). */
export function TraineeHistory({ traineeId }: { traineeId: string }) {
  const history = useTraineeHistory(traineeId);
  const platforms = usePlatforms();
  const platformName = (id: string) => platforms.data?.find((p) => p.id === id)?.name ?? null;

  if (history.isLoading) return <Spin size="small" />;
  if (history.isError) return <Typography.Text type="danger">{messageOf(history.error)}</Typography.Text>;
  const entries = history.data ?? [];
  if (entries.length === 0) return <Typography.Text type="secondary">暂无操作记录</Typography.Text>;
  return (
    <ol aria-label="操作记录" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <HistoryLine entry={entry} platformName={platformName} />
        </li>
      ))}
    </ol>
  );
}

function HistoryLine({ entry, platformName }: { entry: HistoryEntry; platformName: (id: string) => string | null }) {
  const what = entry.action === 'reveal' ? revealLabel(entry) : actionLabel(entry.action);
  return (
    <Flex vertical gap={2}>
      <Typography.Text>
        <Typography.Text type="secondary">{dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss')}</Typography.Text>{' '}
        {entry.operatorName ?? '（未记录操作员）'} {what}
      </Typography.Text>
      {entry.action !== 'reveal' &&
        entry.changes.map((change) => (
          <Typography.Text key={change.field} style={{ paddingInlineStart: 16 }}>
            {fieldLabel(change.field)}：{describeValue(change.field, change.before, platformName)} →{' '}
            {describeValue(change.field, change.after, platformName)}
          </Typography.Text>
        ))}
      {entry.reason && <Typography.Text style={{ paddingInlineStart: 16 }}>原因：{entry.reason}</Typography.Text>}
    </Flex>
  );
}
