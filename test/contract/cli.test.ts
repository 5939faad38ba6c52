/** The skills-desk command as a clerk's script would run it: exit codes, one-line errors, real data. */
import { openAppContextOn } from '../support/temp-app';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openedTrainees } from '../support/sealed-store';

const root = path.resolve(__dirname, '../..');
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-cli-'));
  dirs.push(dir);
  return dir;
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/skills-desk.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('skills-desk CLI', () => {
  it('prints help for the tool and for every command', () => {
    expect(cli('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Commands:') });
    for (const command of ['start', 'init', 'demo', 'web']) {
      expect(cli(command, '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining(`skills-desk ${command}`) });
    }
  });

  it('fails with one clear line and exit code 2 on usage errors', () => {
    const unknown = cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const missing = cli('init', '--data', tempDir(), '--county', '230102');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--operator is required');
    expect(cli('demo', '--data', tempDir(), '--county', '230102', '--trainees', 'many').code).toBe(2);
    expect(cli('web', '--bogus').code).toBe(2);
  });

  it('refuses a code that is not a county-level unit, with exit code 1 and nothing configured', async () => {
    const dir = tempDir();
    const result = cli('init', '--data', dir, '--county', '230100', '--operator', '张三');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('请选择一个县级单位');
    const context = await openAppContextOn(dir);
    expect((await context.services.settings.get()).configured).toBe(false);
    await context.close();
  });

  it('initialises a data folder and fills it with demo data of that county', async () => {
    const dir = tempDir();
    expect(cli('init', '--data', dir, '--county', '230102', '--operator', '张三')).toMatchObject({ code: 0, stdout: expect.stringContaining('道里区') });
    const demo = cli('demo', '--data', dir, '--county', '230102', '--trainees', '300', '--operator', '张三');
    expect(demo.code, demo.stderr).toBe(0);
    const context = await openAppContextOn(dir);
    const trainees = openedTrainees(context.db, await context.db('trainees').select<Array<{ id_number: string }>>('id_number'));
    expect(trainees).toHaveLength(300);
    // Most demo trainees carry the county's own region code; every number is valid (checked on the way in).
    expect(trainees.filter((t) => t.id_number.startsWith('230102')).length).toBeGreaterThan(200);
    const categories = await context.db('trainee_categories').distinct('category');
    expect(categories).toHaveLength(10);
    expect(await context.db('enrolments').count({ n: '*' })).not.toEqual([{ n: 0 }]);
    expect((await context.services.platforms.list()).filter((p) => p.isDemo).every((p) => p.name.startsWith('【演示】'))).toBe(true);
    await context.close();
  });
});
