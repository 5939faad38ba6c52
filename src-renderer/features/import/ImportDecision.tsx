import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import type { ImportDryRun } from '../../../src-shared/schemas/import';
import { allClosedPeriodsChosen, closedRowsSkipped, type ClosedPeriodChoices } from './ClosedPeriodRows';
import { errorText } from './error-text';
import { useReportDownload } from './use-import';

/**
 * All or nothing, as import.commit offers it: a clean file imports whole; with wrong rows the clerk either imports
 * the correct ones (the rest go to the error report) or fixes the file first, which imports nothing now.
 */
export function ImportDecision({ result, closedChoices, onImport }: { result: ImportDryRun; closedChoices: ClosedPeriodChoices; onImport: (skipInvalid: boolean) => void }) {
  const report = useReportDownload();
  const { message } = App.useApp();
  const counts = { ...result.counts, new: result.counts.new - closedRowsSkipped(result, closedChoices) };
  const what = result.kind === 'trainees' ? '名学员' : '条培训记录';
  if (result.missingFields.length > 0) return null;
  const reportButton = counts.invalid > 0 && (
    <Button
      icon={<DownloadOutlined />}
      loading={report.isPending}
      onClick={() => report.mutate(result.jobId, { onError: (error) => void message.error(errorText(error)) })}
    >
      下载错误报告
    </Button>
  );
  if (!allClosedPeriodsChosen(result, closedChoices)) {
    return <Typography.Text type="warning">请先在上方为日期落在已上报期次内的行选择“跳过这些行”或“照样导入”，然后再导入。</Typography.Text>;
  }
  if (counts.new === 0) {
    return (
      <Space wrap>
        <Typography.Text>文件里没有需要导入的新数据。</Typography.Text>
        {reportButton}
      </Space>
    );
  }
  if (counts.invalid === 0) {
    return (
      <Button type="primary" size="large" icon={<ImportOutlined />} onClick={() => onImport(false)}>
        导入 {counts.new} {what}
      </Button>
    );
  }
  return (
    <Space orientation="vertical">
      <Typography.Text>
        有 {counts.invalid} 行有误。可以只导入正确的 {counts.new} 行（有误的行列在错误报告里，改好后再导入）；
        也可以先下载错误报告，改好整个文件后重新选择，这样现在一行也不导入。
      </Typography.Text>
      <Space wrap>
        <Button type="primary" size="large" icon={<ImportOutlined />} onClick={() => onImport(true)}>
          只导入正确的 {counts.new} 行
        </Button>
        {reportButton}
      </Space>
    </Space>
  );
}
