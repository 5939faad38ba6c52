import { ExportOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';
import { IMPORT_KINDS } from '../../../src-shared/schemas/import';
import { errorText } from './error-text';
import { KIND_LABELS } from './import-fields';
import { useExport } from './use-import';

/**
 * 导出: the lists as .xlsx. ID numbers and phones are masked unless the clerk ticks the box, because exported sheets
 * get mailed and printed; the full export is recorded in the audit log by the host.
 */
export function ExportPanel() {
  const [fullNumbers, setFullNumbers] = useState(false);
  const exporter = useExport();
  const { message } = App.useApp();
  return (
    <Card size="small" title="导出">
      <Space orientation="vertical">
        <Typography.Text>导出为 Excel 工作簿（.xlsx）。默认隐藏身份证号和手机号的中间几位。</Typography.Text>
        <Checkbox checked={fullNumbers} onChange={(event) => setFullNumbers(event.target.checked)}>
          导出完整身份证号（将记录在操作日志中）
        </Checkbox>
        <Space wrap>
          {IMPORT_KINDS.map((kind) => (
            <Button
              key={kind}
              icon={<ExportOutlined />}
              loading={exporter.isPending && exporter.variables?.kind === kind}
              disabled={exporter.isPending && exporter.variables?.kind !== kind}
              onClick={() =>
                exporter.mutate(
                  { kind, fullNumbers },
                  {
                    onSuccess: (file) => void message.success(`已导出 ${file.rows} 行${KIND_LABELS[kind]}：${file.fileName}`),
                    onError: (error) => void message.error(errorText(error)),
                  },
                )
              }
            >
              导出{KIND_LABELS[kind]}
            </Button>
          ))}
        </Space>
      </Space>
    </Card>
  );
}
