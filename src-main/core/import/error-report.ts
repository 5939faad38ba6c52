/**
 * The error report: every rejected row with its original cells, its sheet row number and the reasons, laid out with
 * the file's own header so the clerk can fix the cells in place, delete the two extra columns (or keep them: the
 * importer ignores columns it does not know) and import the file again.
 */
import { writeXlsxList, type ListColumn } from '../export/xlsx-list';
import type { RejectedRow } from './dry-run';

export async function writeErrorReport(file: string, headers: readonly string[], rejected: readonly RejectedRow[]): Promise<number> {
  const columns: ListColumn[] = [
    { header: '原行号', width: 8 },
    { header: '错误原因', width: 60 },
    // Every original column as text: what the clerk typed is shown as typed (ID numbers included).
    ...headers.map((header, i) => ({ header: header === '' ? `第${i + 1}列` : header, width: Math.min(Math.max(header.length * 2 + 4, 10), 30), text: true })),
  ];
  function* rows() {
    for (const r of rejected) {
      const reasons = r.problems.map((p) => (p.column ? `${p.column}：${p.reason}` : p.reason)).join('\n');
      yield [r.row, reasons, ...r.cells];
    }
  }
  return writeXlsxList(file, '错误行', columns, rows());
}
