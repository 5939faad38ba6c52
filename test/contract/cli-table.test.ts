/** `skills-desk table`: the official table from the command line, as a clerk's script would print it. */
import { openAppContextOn, unlockAsLastOperator } from '../support/temp-app';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDispatchFixture, PERIOD_2_FIGURES } from '../support/dispatch-fixture';

const root = path.resolve(__dirname, '../..');
let dir: string;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/skills-desk.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-cli-table-'));
  const context = await openAppContextOn(dir);
  await context.services.settings.init({ countyCode: '230102', operatorName: '张三' });
  await unlockAsLastOperator(context);
  await fillDispatchFixture(context);
  await context.close();
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('skills-desk table', () => {
  it('documents its options and refuses bad ones with exit code 2', () => {
    expect(cli('table', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('skills-desk table --data DIR --cutoff YYYY-MM-DD') });
    expect(cli('table', '--data', dir, '--out', path.join(dir, 'x.pdf'))).toMatchObject({ code: 2, stderr: expect.stringContaining('--cutoff is required') });
    expect(cli('table', '--data', dir, '--cutoff', '2020-02-30', '--out', path.join(dir, 'x.pdf'))).toMatchObject({ code: 2 });
    expect(cli('table', '--data', dir, '--cutoff', '2020-04-10', '--out', path.join(dir, 'x.doc'))).toMatchObject({ code: 2, stderr: expect.stringContaining('--format') });
  });

  it('writes the .xlsx of a period, taking the format from the file name', async () => {
    const out = path.join(dir, 'out', 'period-2.xlsx');
    const result = cli('table', '--data', dir, '--cutoff', '2020-04-24', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('调度表')!;
    expect(['A6', 'B6', 'C6', 'D6', 'E6'].map((a) => sheet.getCell(a).value)).toEqual(Object.values(PERIOD_2_FIGURES));
  });

  it('writes a PDF as of a date that is no period cutoff, labelled with that date', () => {
    const out = path.join(dir, 'mid.pdf');
    const result = cli('table', '--data', dir, '--cutoff', '2020-04-11', '--format', 'pdf', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('截止日期：2020年4月11日');
    // As of 04-11: A, B, C registered; A 04-03, B 04-10, C 04-11 trained.
    expect(text).toMatch(/^\s*3\s+3\s+1\s+1\s+2\s*$/m);
  });

  it('says in one line what to do when no browser is found for a PDF', () => {
    const result = spawnSync(process.execPath, [path.join(root, 'bin/skills-desk.js'), 'table', '--data', dir, '--cutoff', '2020-04-10', '--out', path.join(dir, 'none.pdf')], {
      encoding: 'utf8',
      env: { ...process.env, SKILLS_DESK_CHROMIUM: '/nonexistent/chromium' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('SKILLS_DESK_CHROMIUM');
  });
});
