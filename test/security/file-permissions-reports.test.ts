/**
 * Attack on issue #18 item 6 (sec-attack): every file the app writes is 0600, yet the import error report (every
 * rejected row with its original cells: full ID numbers and phones as the clerk typed them) was written by exceljs
 * with the process's umask, 0644 under the usual 022. Its folder is private, but the file is what a clerk copies
 * out, and the rule is one for every file.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dryRunBytes, xlsxBytes } from '../db/import-fixtures';
import { openTempApp, type TempApp } from '../support/temp-app';

let app: TempApp;
let savedUmask: number;
beforeEach(async () => {
  savedUmask = process.umask(0o022);
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
  process.umask(savedUmask);
});

describe.skipIf(process.platform === 'win32')('files made for download', () => {
  it('the import error report is 0600', async () => {
    const header = ['姓名', '身份证号码', '联系电话', '人员类别', '户籍', '注册日期'];
    const dry = await dryRunBytes(app.context, await xlsxBytes({ header, rows: [['张三', '230102199001011234', '13800138000', '失业人员', '农村', '2020-04-01']] }), 'trainees');
    expect(dry).toMatchObject({ ok: true, data: { counts: { invalid: 1 } } });
    const { jobId } = (dry as { data: { jobId: string } }).data;
    const report = await app.context.invoke('import.report', { jobId });
    expect(report.ok).toBe(true);
    const { fileId } = (report as { data: { fileId: string } }).data;
    expect(fs.statSync(app.context.services.files.get(fileId).path).mode & 0o777).toBe(0o600);
  });
});
