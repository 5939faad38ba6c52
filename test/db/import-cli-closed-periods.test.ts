/** `skills-desk import --closed-periods` (issue #14 item 7): rows dated in a reported period wait for the flag. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callProcedure } from '../support/call-procedure';
import { openAppContextOn, traineeInput, validIdNumber } from '../support/temp-app';
import { csvBytes } from './import-fixtures';

const root = path.resolve(__dirname, '../..');
const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-closed-cli-'));
  dirs.push(dir);
  return dir;
}
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/skills-desk.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A county whose period 1 went up with one trainee. */
async function countyWithPeriod1Submitted(): Promise<string> {
  const data = tempDir();
  expect(cli('init', '--data', data, '--county', '230102', '--operator', '张三').code).toBe(0);
  const context = await openAppContextOn(data);
  try {
    await callProcedure(context, 'trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 1), registeredAt: '2020-04-02' }));
    const [period1] = await callProcedure<Array<{ id: string }>>(context, 'periods.list', {});
    await callProcedure(context, 'dispatch.submit', { periodId: period1!.id, forceReason: '本期只登记了一名学员' });
  } finally {
    await context.close();
  }
  return data;
}

function roster(): string {
  const file = path.join(tempDir(), '名单.csv');
  const header = ['姓名', '身份证号', '手机号', '人员类别', '户籍', '注册日期'];
  const rows = [
    ['赵甲', validIdNumber('19880808', 11), '13900001011', '失业人员', '农村', '2020-04-05'],
    ['赵乙', validIdNumber('19880808', 12), '13900001012', '失业人员', '城镇', '2026-03-02'],
  ];
  fs.writeFileSync(file, csvBytes({ header, rows }, 'utf-8'));
  return file;
}

describe('skills-desk import --closed-periods', () => {
  it('imports nothing until the rows of a reported period are chosen for, then skips or includes them', async () => {
    const data = await countyWithPeriod1Submitted();
    const file = roster();
    const refused = cli('import', 'trainees', file, '--data', data);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('1 行的注册日期在已上报的第 1 期内 (period 1 实名注册学员人次数 1 -> 2): undecided (--closed-periods skip or include)');
    expect(refused.stderr).toMatch(/nothing imported: 1 rows are dated in reported period 1 .*--closed-periods/);

    expect(cli('import', 'trainees', file, '--data', data, '--closed-periods', 'perhaps')).toMatchObject({ code: 2 });
    expect(cli('import', 'trainees', file, '--data', data, '--closed-periods', '7=skip')).toMatchObject({ code: 2, stderr: expect.stringContaining('no rows of this file fall in reported period 7') });

    const skipped = cli('import', 'trainees', file, '--data', data, '--closed-periods', 'skip');
    expect(skipped).toMatchObject({ code: 0, stdout: expect.stringContaining('imported 1 trainees (1 rows dated in reported periods skipped)') });
    const included = cli('import', 'trainees', file, '--data', data, '--closed-periods', '1=include');
    expect(included).toMatchObject({ code: 0, stdout: expect.stringContaining('imported 1 trainees') });
    expect(cli('import', 'trainees', '--help').stdout).toContain('--closed-periods WHAT');
  }, 240_000);
});
