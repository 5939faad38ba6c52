/** `skills-desk import` / `export` as a clerk's script runs them, and the web host's upload/download routes. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-node/logger';
import { NAMED_NATIONAL_PLATFORMS } from '../../src-shared/reference-data';
import { startWebHost } from '../../src-main/web-host';
import { openTempApp, validIdNumber } from '../support/temp-app';
import { liveTrainees, xlsxBytes } from './import-fixtures';

const root = path.resolve(__dirname, '../..');
const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-import-cli-'));
  dirs.push(dir);
  return dir;
}
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/skills-desk.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const HEADER = ['姓名', '身份证号', '手机号', '人员类别', '户籍', '注册日期'];

describe('skills-desk import / export', () => {
  it('refuses everything on one invalid row (exit 1, one line per problem), imports valid rows with --skip-invalid', async () => {
    const data = tempDir();
    expect(cli('init', '--data', data, '--county', '230102', '--operator', '张三').code).toBe(0);
    const file = path.join(tempDir(), '名单.xlsx');
    fs.writeFileSync(file, await xlsxBytes({ header: HEADER, rows: [
      ['张三', validIdNumber('19900101', 1), '13800138000', '失业人员', '农村', '2020-04-01'],
      ['李四', '2.30102E+17', '13800138000', '失业人员', '农村', '2020-04-01'],
      ['王五', validIdNumber('19900101', 3), '13800138000', '失业', '城镇', 43922],
    ] }));
    const report = path.join(tempDir(), 'report.xlsx');

    const dry = cli('import', 'trainees', file, '--data', data, '--dry-run', '--report', report);
    expect(dry.code).toBe(1);
    expect(dry.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^row 3, 身份证号: 身份证号码被 Excel 当成了数字/)]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(report);
    expect(workbook.worksheets[0]!.getCell('A2').value).toBe(3);

    const refused = cli('import', 'trainees', file, '--data', data);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing imported/);

    const partial = cli('import', 'trainees', file, '--data', data, '--skip-invalid');
    expect(partial).toMatchObject({ code: 0, stdout: expect.stringContaining('imported 2 trainees (1 invalid rows skipped, listed above)') });

    const out = path.join(tempDir(), 'out.xlsx');
    expect(cli('export', 'trainees', '--data', data, '--out', out)).toMatchObject({ code: 0, stdout: expect.stringContaining('exported 2 trainees') });
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.readFile(out);
    expect(String(exported.worksheets[0]!.getCell('B2').value)).toMatch(/^230102\*{8}\d{3}[\dX]$/);

    // Training records of the imported trainees, through the same two commands.
    const records = path.join(tempDir(), '培训记录.xlsx');
    const platform = NAMED_NATIONAL_PLATFORMS[0]!.name;
    fs.writeFileSync(records, await xlsxBytes({ header: ['身份证号码', '培训平台', '课程名称', '开始日期', '学时', '是否签到'], rows: [
      [validIdNumber('19900101', 1), platform, '养老护理', '2020-04-02', 8, '是'],
      [validIdNumber('19900101', 3), platform, '电工', 43923, '4学时', '否'],
      [validIdNumber('19900101', 5), platform, '电工', '2020-04-03', 4, '是'],
    ] }));
    const unregistered = cli('import', 'enrolments', records, '--data', data);
    expect(unregistered.code).toBe(1);
    expect(unregistered.stdout).toMatch(/^row 4, 身份证号码: .*还没有在本单位登记/m);
    expect(cli('import', 'enrolments', records, '--data', data, '--skip-invalid')).toMatchObject({ code: 0, stdout: expect.stringMatching(/imported 2 /) });
    const recordsOut = path.join(tempDir(), 'records-out.xlsx');
    expect(cli('export', 'enrolments', '--data', data, '--out', recordsOut)).toMatchObject({ code: 0, stdout: expect.stringContaining('exported 2') });
    const exportedRecords = new ExcelJS.Workbook();
    await exportedRecords.xlsx.readFile(recordsOut);
    expect(exportedRecords.worksheets[0]!.rowCount).toBe(3);

    expect(cli('import', 'people', file, '--data', data).code).toBe(2);
    const xls = path.join(tempDir(), 'old.xls');
    fs.writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect(cli('import', 'trainees', xls, '--data', data)).toMatchObject({ code: 1, stderr: expect.stringMatching(/另存为/) });
  }, 120_000);
});

describe('web host file routes', () => {
  it('uploads raw bytes behind the token, checks them by id, and downloads the error report', async () => {
    const app = await openTempApp();
    const host = await startWebHost({ context: app.context, rendererDir: '/nonexistent', port: 0, token: 'test-token', logger: silentLogger });
    try {
      const origin = new URL(host.url).origin;
      const bytes = await xlsxBytes({ header: HEADER, rows: [['张三', '123', '13800138000', '失业人员', '农村', '2020-04-01']] });
      const denied = await fetch(`${origin}/upload?name=a.xlsx`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
      expect(denied.status).toBe(401);
      const upload = await fetch(`${origin}/upload?name=${encodeURIComponent('名单.xlsx')}`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-token', 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      });
      const uploaded = (await upload.json()) as { ok: true; data: { fileId: string; fileName: string; byteLength: number } };
      expect(uploaded).toMatchObject({ ok: true, data: { fileName: '名单.xlsx', byteLength: bytes.length } });
      const dry = await app.context.invoke('import.dryRun', { fileId: uploaded.data.fileId, kind: 'trainees' });
      expect(dry).toMatchObject({ ok: true, data: { counts: { invalid: 1 } } });
      const report = await app.context.invoke('import.report', { jobId: (dry as { data: { jobId: string } }).data.jobId });
      const { fileId } = (report as { data: { fileId: string } }).data;
      expect((await fetch(`${origin}/download/${fileId}`)).status).toBe(401);
      const download = await fetch(`${origin}/download/${fileId}?token=test-token`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await download.arrayBuffer());
      expect(String(workbook.worksheets[0]!.getCell('B2').value)).toMatch(/身份证号/);
      expect((await fetch(`${origin}/download/nonexistent-file-id-000?token=test-token`)).status).toBe(404);
      expect(await liveTrainees(app.context)).toBe(0);
    } finally {
      await host.close();
      await app.dispose();
    }
  });
});

/**
 * `import enrolments --register-missing` (#14 item 4): without the flag the rows of unregistered trainees are refused
 * and the group says what the flag would do; with it the trainees are registered with their records, and the row
 * lacking 联系电话 stays an error naming it. The flag is documented in --help and refused for trainee lists.
 */
const RECORD_HEADER = ['身份证号', '姓名', '手机号码', '培训平台', '课程名称', '开始日期', '学时', '是否签到'];

describe('skills-desk import enrolments --register-missing', () => {
  it('registers the trainees the rows carry enough for, with their records; the row lacking a phone stays invalid', async () => {
    const data = tempDir();
    expect(cli('init', '--data', data, '--county', '230102', '--operator', '张三').code).toBe(0);
    const platform = NAMED_NATIONAL_PLATFORMS[0]!.name;
    const file = path.join(tempDir(), '学习记录.xlsx');
    fs.writeFileSync(file, await xlsxBytes({ header: RECORD_HEADER, rows: [
      [validIdNumber('19880101', 1), '周一', '13900002001', platform, '电工', '2026-03-02', 4, '是'],
      [validIdNumber('19880101', 1), '周一', '13900002001', platform, '焊工', '2026-03-09', 6, '是'],
      [validIdNumber('19880101', 3), '周三', '13900002003', platform, '电工', '2026-03-02', 4, '是'],
      [validIdNumber('19880101', 5), '周五', '', platform, '电工', '2026-03-02', 4, '是'],
    ] }));

    const dry = cli('import', 'enrolments', file, '--data', data, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/^4 rows name trainees not registered here: 3 rows carry what registering needs \(2 trainees\): add --register-missing to register them with their records; 1 rows lack a field/m);
    expect(dry.stdout).toMatch(/^row 5, 手机号码: 要同时登记这名学员：/m);

    const refused = cli('import', 'enrolments', file, '--data', data, '--skip-invalid');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing imported: --skip-invalid was given, but all 4 rows with new data are invalid/);

    const done = cli('import', 'enrolments', file, '--data', data, '--register-missing', '--skip-invalid');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toMatch(/^4 rows name trainees not registered here: 3 rows register 2 trainees with their records \(--register-missing\)/m);
    expect(done.stdout).toMatch(/^imported 3 enrolments \(1 invalid rows skipped, listed above\)$/m);
    expect(done.stdout).toMatch(/^registered 2 trainees with their records$/m);

    // Registered now: the same file again finds them, and the records already there.
    const again = cli('import', 'enrolments', file, '--data', data, '--dry-run', '--register-missing');
    expect(again.stderr).toMatch(/^4 rows: 0 new, 3 already recorded, 1 invalid/m);
  }, 120_000);

  it('documents the flag and refuses it for a trainee list', () => {
    const help = cli('import', '--help');
    expect(help.stdout + help.stderr).toMatch(/--register-missing\s+enrolments only: a record whose ID number is not registered here also registers its/);
    const data = tempDir();
    expect(cli('init', '--data', data, '--county', '230102', '--operator', '张三').code).toBe(0);
    const wrong = cli('import', 'trainees', path.join(root, 'test/fixtures/rosters/01-merged-title-total.xlsx'), '--data', data, '--register-missing');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/--register-missing is for training records/);
  }, 60_000);
});
