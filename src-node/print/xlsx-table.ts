/**
 * The dispatch table as an .xlsx workbook (exceljs): sheet 调度表 laid out as the attachment (merged two-level
 * header, borders, official fonts, column widths, A4 landscape fitted to one page, print area), sheet 附页 with the
 * adopted ministry-recommended platforms. Figures are stored as numbers so that a city can add sheets up in Excel.
 *
 * Font names are the Windows/WPS ones (仿宋, 黑体, 宋体) with the GB2312 charset: the offices open these files in
 * Excel or WPS, which substitute their own fallbacks elsewhere.
 */
import ExcelJS from 'exceljs';
import type { DispatchTableModel } from '../../src-shared/domain/dispatch-table';

const GB2312_CHARSET = 134;
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const LEFT: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'middle' };
/** Inches; exceljs writes them as Excel's page margins. */
const MARGINS = { left: 0.6, right: 0.6, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };

function font(name: '仿宋' | '黑体' | '宋体', size: number, bold = false): Partial<ExcelJS.Font> {
  return { name, size, bold, charset: GB2312_CHARSET };
}

/** 'A'..'Z' for the column number (1-based); the table never has more than 26 columns. */
export function columnLetter(column: number): string {
  return String.fromCharCode(64 + column);
}

function mergedLine(sheet: ExcelJS.Worksheet, row: number, columns: number, text: string, style: Partial<ExcelJS.Font>, alignment = LEFT): void {
  sheet.mergeCells(row, 1, row, columns);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = style;
  cell.alignment = alignment;
}

function addMainSheet(workbook: ExcelJS.Workbook, model: DispatchTableModel): void {
  const sheet = workbook.addWorksheet('调度表');
  const columnCount = model.columns.length;
  sheet.columns = model.columns.map((c) => ({ width: c.key === 'unit' ? 20 : c.key === 'nationalPlatforms' ? 28 : 20 }));

  sheet.getCell(1, 1).value = model.attachmentLabel;
  sheet.getCell(1, 1).font = font('黑体', 14);
  mergedLine(sheet, 2, columnCount, model.title, font('宋体', 20, true), CENTER);
  sheet.getRow(2).height = 40;
  mergedLine(sheet, 3, columnCount, `${model.reportingUnitLabel}${model.reportingUnit}`, font('仿宋', 14));
  sheet.getRow(3).height = 24;

  const headerTop = 4;
  for (const cell of model.header) {
    const top = headerTop + cell.row;
    const left = cell.col + 1;
    if (cell.rowSpan > 1 || cell.colSpan > 1) sheet.mergeCells(top, left, top + cell.rowSpan - 1, left + cell.colSpan - 1);
    sheet.getCell(top, left).value = cell.text;
  }
  for (let r = headerTop; r < headerTop + model.headerRowCount; r++) {
    sheet.getRow(r).height = r === headerTop ? 30 : 42;
    for (let c = 1; c <= columnCount; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = font('黑体', 12);
      cell.alignment = CENTER;
      cell.border = THIN;
    }
  }

  let rowNumber = headerTop + model.headerRowCount;
  for (const row of model.rows) {
    const values: Array<string | number> = model.variant === 'rollup' ? [row.unitName ?? '', ...row.values] : [...row.values];
    const excelRow = sheet.getRow(rowNumber);
    excelRow.height = model.variant === 'rollup' ? 24 : 44;
    values.forEach((value, index) => {
      const cell = excelRow.getCell(index + 1);
      cell.value = value;
      cell.font = row.isTotal ? font('黑体', 13) : font('仿宋', 14);
      cell.alignment = CENTER;
      cell.border = THIN;
      if (typeof value === 'number') cell.numFmt = '#,##0';
    });
    rowNumber++;
  }

  mergedLine(sheet, rowNumber++, columnCount, model.note, font('仿宋', 12));
  mergedLine(sheet, rowNumber++, columnCount, `${model.cutoffLabel}${model.cutoffText}`, font('仿宋', 12));
  rowNumber++;
  const signatureRow = sheet.getRow(rowNumber);
  model.signatures.forEach((s, index) => {
    const cell = signatureRow.getCell(index + 1);
    cell.value = `${s.label}${s.value}`;
    cell.font = font('仿宋', 12);
    cell.alignment = LEFT;
  });

  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    // A county's table fits one page; a long roll-up may run on, with the header repeated.
    fitToHeight: model.variant === 'rollup' ? 0 : 1,
    horizontalCentered: true,
    margins: MARGINS,
    printArea: `A1:${columnLetter(columnCount)}${rowNumber}`,
    ...(model.variant === 'rollup' ? { printTitlesRow: `${headerTop}:${headerTop + model.headerRowCount - 1}` } : {}),
  };
}

function addAttachedSheet(workbook: ExcelJS.Workbook, model: DispatchTableModel): void {
  const page = model.attachedPage;
  const sheet = workbook.addWorksheet(page.title);
  const columnCount = page.columns.length;
  sheet.columns = page.columns.map((_, index) => ({ width: index === 1 ? 60 : index === 0 ? 8 : 14 }));
  sheet.getCell(1, 1).value = page.title;
  sheet.getCell(1, 1).font = font('黑体', 14);
  mergedLine(sheet, 2, columnCount, page.heading, font('宋体', 16, true), CENTER);
  sheet.getRow(2).height = 32;

  const header = sheet.getRow(3);
  page.columns.forEach((text, index) => {
    const cell = header.getCell(index + 1);
    cell.value = text;
    cell.font = font('黑体', 12);
    cell.alignment = CENTER;
    cell.border = THIN;
  });
  let rowNumber = 4;
  if (page.rows.length === 0) {
    mergedLine(sheet, rowNumber++, columnCount, page.emptyText, font('仿宋', 12));
  }
  for (const cells of page.rows) {
    const row = sheet.getRow(rowNumber++);
    row.height = 22;
    cells.forEach((text, index) => {
      const cell = row.getCell(index + 1);
      // 序号 and 采用单位数 are numbers; the platform name stays text.
      cell.value = index === 1 ? text : Number(text);
      cell.font = font('仿宋', 12);
      cell.alignment = index === 1 ? { ...LEFT, wrapText: true } : CENTER;
      cell.border = THIN;
    });
  }
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: MARGINS,
    printArea: `A1:${columnLetter(columnCount)}${rowNumber - 1}`,
  };
}

export async function renderTableXlsx(model: DispatchTableModel, options: { creator?: string; created?: Date } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator ?? '技能培训调度填报';
  workbook.created = options.created ?? new Date();
  workbook.title = model.title;
  addMainSheet(workbook, model);
  addAttachedSheet(workbook, model);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
