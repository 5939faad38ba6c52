import { Card, Space } from 'antd';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { RememberedChoices } from './RememberedChoices';
import { TemplateButtons } from './TemplateButtons';

/**
 * 数据导入导出: its own menu entry rather than a button inside 学员登记, because it serves both trainee lists and
 * training records, and a clerk with a spreadsheet in hand looks for the word 导入 in the menu.
 */
export function ImportExportPage() {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {/* Said up front, not after the clerk has picked a file: the window cannot move files yet. */}
      <Card size="small" title="导入模板">
        <TemplateButtons />
      </Card>
      <ImportPanel />
      <RememberedChoices />
      <ExportPanel />
    </Space>
  );
}
