/** Spreadsheets for the import tests, built in code (no binary fixtures): .xlsx with exceljs, CSV as strings. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ImportKind } from '../../src-shared/schemas/import';
import type { AppContext } from '../../src-main/core/app-context';

export type Cell = string | number | boolean | Date | null;

export interface SheetSpec {
  /** Title lines above the header, each merged across the header's width. */
  titles?: string[];
  header: string[];
  rows: Cell[][];
  /** Text format ('@') for these 1-based columns, as a careful clerk's sheet has. */
  textColumns?: number[];
}

export async function xlsxBytes(spec: SheetSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  const width = spec.header.length;
  for (const title of spec.titles ?? []) {
    const row = sheet.addRow([title]);
    sheet.mergeCells(row.number, 1, row.number, width);
  }
  sheet.addRow(spec.header);
  for (const values of spec.rows) {
    const row = sheet.addRow(values);
    values.forEach((value, i) => {
      if (value instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      if (spec.textColumns?.includes(i + 1)) row.getCell(i + 1).numFmt = '@';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(spec: SheetSpec): string {
  const lines = [...(spec.titles ?? []), spec.header.join(','), ...spec.rows.map((r) => r.map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function csvBytes(spec: SheetSpec, encoding: 'utf-8' | 'utf-8-bom' | 'gbk'): Buffer {
  const text = csvText(spec);
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const bytes = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

/** Uploads bytes as the web host would and runs the dry run; answers the router's value. */
export async function dryRunBytes(context: AppContext, bytes: Buffer, kind: ImportKind, mapping?: Record<string, string | null>) {
  const stored = await context.services.files.put(bytes, `upload.${bytes[0] === 0x50 ? 'xlsx' : 'csv'}`);
  return context.invoke('import.dryRun', { fileId: stored.fileId, kind, ...(mapping ? { mapping } : {}) });
}

export async function liveTrainees(context: AppContext): Promise<number> {
  const rows = await context.db('trainees').whereNull('deleted_at').count<Array<{ n: number }>>({ n: '*' });
  return Number(rows[0]?.n ?? 0);
}

export async function liveEnrolments(context: AppContext): Promise<number> {
  const rows = await context.db('enrolments').whereNull('deleted_at').count<Array<{ n: number }>>({ n: '*' });
  return Number(rows[0]?.n ?? 0);
}
