/**
 * A list written as .xlsx with exceljs's streaming writer (rows are flushed as they come: memory stays bounded for
 * 100,000 rows). Used by the exports and the import error report.
 *
 * Formula injection: a value such as `=HYPERLINK(...)` or `+1+cmd|...` typed by someone into a trainee's note must
 * never run when a clerk opens the file. exceljs writes JavaScript strings as string cells (never as formulas); on top
 * of that, text columns and every cell starting with = + - @ (or a tab / carriage return) get the Text number format
 * '@', so even re-editing the cell in Excel or WPS keeps it text.
 */
import ExcelJS from 'exceljs';
import { createPrivateFile } from '../private-files';

export interface ListColumn {
  header: string;
  width: number;
  /** Text format for the whole column: ID numbers and phones must never become numbers. */
  text?: boolean;
}

export type ListValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const TEXT_FORMAT = '@';

export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

export async function writeXlsxList(
  file: string,
  sheetName: string,
  columns: readonly ListColumn[],
  rows: AsyncIterable<readonly ListValue[]> | Iterable<readonly ListValue[]>,
  decorate?: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => void,
): Promise<number> {
  // Every list holds personal data (an export, the import error report's cells): 0600 before the first byte, since
  // exceljs opens the file with the process's umask (0644) and keeps the mode of a file that exists.
  createPrivateFile(file);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.text ? { numFmt: TEXT_FORMAT } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const values of rows) {
    const row = sheet.addRow([...values]);
    values.forEach((value, i) => {
      if (typeof value === 'string' && (columns[i]?.text || looksLikeFormula(value))) row.getCell(i + 1).numFmt = TEXT_FORMAT;
    });
    row.commit();
    count += 1;
  }
  sheet.commit();
  decorate?.(workbook);
  await workbook.commit();
  return count;
}
