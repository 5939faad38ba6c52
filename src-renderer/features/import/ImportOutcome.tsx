import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Typography } from 'antd';
import type { ImportKind } from '../../../src-shared/schemas/import';
import { errorText } from './error-text';
import { saveFile } from './file-transfer';
import type { CommitOutcome } from './use-import';

/** What the import did, where to see the result, and the rows it left out. */
export function ImportOutcome({ kind, outcome, onAnother }: { kind: ImportKind; outcome: CommitOutcome; onAnother: () => void }) {
  const { message } = App.useApp();
  if (outcome.status === 'cancelled') {
    return <Alert type="info" showIcon role="status" title="已取消导入，没有导入任何数据。" />;
  }
  const what = kind === 'trainees' ? '名学员' : '条培训记录';
  const leftOut = [
    outcome.skipped > 0 ? `另有 ${outcome.skipped} 行有误，没有导入${outcome.report ? '，已列在错误报告中，改好后可再导入' : ''}。` : '',
    outcome.closedSkipped > 0 ? `${outcome.closedSkipped} 行的日期落在已上报期次内，按您的选择跳过，没有导入。` : '',
    outcome.existing > 0 ? `${outcome.existing} ${what}之前已${kind === 'trainees' ? '登记' : '录入'}过，没有重复导入。` : '',
  ].join('');
  const where = kind === 'trainees' ? { href: '#/trainees', label: '到学员登记查看' } : { href: '#/enrolments', label: '到培训记录查看' };
  const { report } = outcome;
  const saveReport = (file: NonNullable<CommitOutcome['report']>) => {
    try {
      saveFile(file);
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      title={`导入完成：已导入 ${outcome.imported} ${what}${outcome.registered > 0 ? `，同时登记了 ${outcome.registered} 名学员` : ''}。`}
      description={
        <Space orientation="vertical">
          {leftOut && <Typography.Text data-testid="import-left-out">{leftOut}</Typography.Text>}
          <Space wrap>
            <Button href={where.href}>{where.label}</Button>
            {report && (
              <Button icon={<DownloadOutlined />} onClick={() => saveReport(report)}>
                下载未导入行的错误报告
              </Button>
            )}
            <Button onClick={onAnother}>导入另一个文件</Button>
          </Space>
        </Space>
      }
    />
  );
}
