import { Select, Space, Typography } from 'antd';
import type { ImportSheet } from '../../../src-shared/schemas/import';

/** '花名册 · 15 行 · 认出 6 列（隐藏）': what the clerk needs to tell a roster from a notes or totals sheet. */
export function sheetLabel(sheet: ImportSheet): string {
  const rows = sheet.rowCount === null ? '' : ` · ${sheet.rowCount.toLocaleString('zh-CN')} 行`;
  const header = sheet.score > 0 ? ` · 认出 ${sheet.score} 列` : ' · 未找到表头';
  return `${sheet.name}${rows}${header}${sheet.hidden ? '（隐藏）' : ''}`;
}

/**
 * The most recognisable header first (the one the host reads when none is chosen), then tab order; a hidden sheet
 * after the visible ones, as the host never offers it by itself.
 */
export function sheetsInOfferOrder(sheets: readonly ImportSheet[]): ImportSheet[] {
  return [...sheets].sort((a, b) => Number(a.hidden) - Number(b.hidden) || b.score - a.score || a.number - b.number);
}

/**
 * 工作表: for a workbook of several sheets, which one holds the list. Shown with the check's result, and with an
 * error of a sheet that could not be read, so another can be chosen without choosing the file again.
 */
export function SheetChoice({ sheets, sheet, disabled, onChange }: { sheets: readonly ImportSheet[]; sheet: number | null; disabled: boolean; onChange: (sheet: number) => void }) {
  if (sheets.length < 2) return null;
  return (
    <Space wrap>
      <Typography.Text id="import-sheet-label">工作表：</Typography.Text>
      <Select
        aria-labelledby="import-sheet-label"
        style={{ minWidth: 360 }}
        disabled={disabled}
        value={sheet ?? undefined}
        placeholder="请选择名单所在的工作表"
        onChange={onChange}
        options={sheetsInOfferOrder(sheets).map((s) => ({ value: s.number, label: sheetLabel(s) }))}
      />
      <Typography.Text type="secondary">文件中有 {sheets.length} 个工作表，已先选表头认出列最多的一个；如果不是名单所在的表，请另选。</Typography.Text>
    </Space>
  );
}
