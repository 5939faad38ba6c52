import { CloudSyncOutlined, ExportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isElectron } from '../../api/client';
import { messageOf } from '../../api/rpc-error';
import { getToken } from '../../api/token';
import { formatServerTime } from './server-time';
import { CarriedCard } from './CarriedCard';
import { EnrolForm } from './EnrolForm';
import { ENTITY_LABELS, progressText } from './progress-text';
import { RejectionList } from './RejectionList';
import { ReturnedReports } from './ReturnedReports';
import { useExportUnsent, useSyncProgress, useSyncRun, useSyncStatus } from './use-sync';
import { formatCount } from '../../../src-shared/format/numbers';

/** 数据同步: one button, progress per batch, what waits, the last sync in server time, rejected items. */
export function SyncPage() {
  const status = useSyncStatus();
  const run = useSyncRun();
  const progress = useSyncProgress();
  const exportUnsent = useExportUnsent();
  const { message } = App.useApp();
  const [changingServer, setChangingServer] = useState(false);
  const s = status.data;
  const pending = s?.pending.total ?? 0;

  // Browser mode: leaving the page with unsent changes asks first (Electron asks on quit itself).
  useEffect(() => {
    if (isElectron() || pending === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [pending]);

  if (!s) return <Card size="small" title="数据同步" loading={status.isLoading} />;
  const report = run.data;
  const running = run.isPending || s.running;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="数据同步">
        {!s.enrolled ? (
          <Space direction="vertical">
            <Typography.Text>本机尚未登记到省服务器。请填写省里提供的服务器地址和一次性登记码（只需登记一次）：</Typography.Text>
            <EnrolForm />
          </Space>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space>
              <Button type="primary" size="large" icon={<CloudSyncOutlined />} loading={running} onClick={() => run.mutate()}>
                立即同步
              </Button>
              <Button
                icon={<ExportOutlined />}
                disabled={pending === 0 && s.carried.auditUnsent === 0}
                loading={exportUnsent.isPending}
                onClick={() =>
                  exportUnsent.mutate(undefined, {
                    onSuccess: (file) => {
                      window.open(`/download/${encodeURIComponent(file.fileId)}?token=${encodeURIComponent(getToken() ?? '')}`, '_blank');
                      void message.success(
                        `已导出 ${file.ops} 条未上报数据（${file.batches} 批）${file.auditRows > 0 ? `和 ${file.auditRows} 条操作日志` : ''}，请把文件交给市或省里导入，并把回执带回来导入`,
                      );
                      for (const warning of file.warnings) void message.warning(warning);
                    },
                    onError: (error) => void message.error(messageOf(error)),
                  })
                }
              >
                没有网络：导出未上报数据
              </Button>
            </Space>
            {changingServer ? (
              <Space direction="vertical">
                <Typography.Text>换到省里通知的新服务器：填写新地址和新的一次性登记码（提交后会请您确认替换）。</Typography.Text>
                <Space>
                  <EnrolForm onDone={() => setChangingServer(false)} />
                  <Button onClick={() => setChangingServer(false)}>取消</Button>
                </Space>
              </Space>
            ) : (
              <Button type="link" style={{ padding: 0 }} onClick={() => setChangingServer(true)}>
                更换省服务器…
              </Button>
            )}
            {running && progress && <Typography.Text data-testid="sync-progress">{progressText(progress)}</Typography.Text>}
            {report && <Alert type={report.outcome === 'done' ? 'success' : 'warning'} showIcon message={report.message} data-testid="sync-result" />}
            {report?.warnings.map((w) => <Alert key={w} type="error" showIcon message={w} />)}
            {run.error && <Alert type="error" showIcon message={messageOf(run.error)} />}
          </Space>
        )}
      </Card>
      <ReturnedReports />
      <Card size="small" title="同步状态">
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="尚未上报">
            <span data-testid="sync-pending">{formatCount(pending)}</span>&nbsp;条
            {pending > 0 && `（${Object.entries(s.pending.byEntity).map(([e, n]) => `${ENTITY_LABELS[e] ?? e} ${n}`).join('，')}）`}
          </Descriptions.Item>
          <Descriptions.Item label="上次成功同步（省服务器时间）">{s.lastSyncAt ? formatServerTime(s.lastSyncAt) : '从未同步'}</Descriptions.Item>
          <Descriptions.Item label="省服务器">{s.serverUrl ?? '未登记'}</Descriptions.Item>
          {s.lastError && <Descriptions.Item label="上次问题">{s.lastError.message}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {s.enrolled && <CarriedCard carried={s.carried} pending={pending} />}
      <Card size="small" title={`未被接收的修改（${s.rejections.length}）`}>
        <RejectionList rejections={s.rejections} />
      </Card>
    </Space>
  );
}
