/**
 * `skills-desk import` with a real roster (issue #14): 1,000 rows, no 户籍 column, 30 distinct spellings of the
 * platform. The dry run writes a mapping file with every value to decide; the clerk's edited file imports it all
 * at once; the next roster of the county needs no decision (remembered). Runs bin/skills-desk.js -> dist/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { NAMED_NATIONAL_PLATFORMS } from '../../src-shared/reference-data';
import { PLATFORM_SPELLINGS } from '../support/platform-spellings';
import { openAppContextOn, validIdNumber } from '../support/temp-app';
import { xlsxBytes, type Cell } from './import-fixtures';

const root = path.resolve(__dirname, '../..');
const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-import-map-'));
  dirs.push(dir);
  return dir;
}
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/skills-desk.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const SPELLINGS = PLATFORM_SPELLINGS;
const XUEXI = NAMED_NATIONAL_PLATFORMS[2]!.name;
const ROWS = 1000;
const CATEGORIES = ['失业人员', '失业、两后生', '农民工', '脱贫户', '两后生；低保'];

function roster(batch: number): Cell[][] {
  return Array.from({ length: ROWS }, (_, i) => {
    // 900 sequence numbers per birth day, a different range of days per batch: all distinct, all valid.
    const n = batch * ROWS + i;
    const id = validIdNumber(`199001${String(1 + Math.floor(n / 900)).padStart(2, '0')}`, n % 900);
    return [`学员${[...String(n)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`, id, `138${String(n).padStart(8, '0')}`, CATEGORIES[i % CATEGORIES.length]!, '2026-03-02', SPELLINGS[i % SPELLINGS.length]![0]];
  });
}
const HEADER = ['姓名', '身份证号', '手机号', '人员类别', '注册日期', '培训平台'];

interface MappingEntry { field: string; value: string; rows: number; action: string | null; target: string | null; suggestions: string[] }

describe('skills-desk import with a mapping file', () => {
  it('imports 1,000 rows with 30 platform spellings and no 户籍 column, deciding once per value', async () => {
    const data = tempDir();
    expect(cli('init', '--data', data, '--county', '230102', '--operator', '张三').code).toBe(0);
    const file = path.join(tempDir(), '花名册.xlsx');
    fs.writeFileSync(file, await xlsxBytes({ titles: ['某某县免费线上技能培训学员花名册'], header: HEADER, rows: roster(0) }));
    const mappingFile = path.join(tempDir(), 'mapping.yaml');

    const dry = cli('import', 'trainees', file, '--data', data, '--dry-run', '--write-mapping', mappingFile);
    expect(dry.code, dry.stderr).toBe(1);
    expect(dry.stderr).toMatch(/1000 rows: 0 new, 0 already recorded, 1000 invalid/);
    expect(dry.stderr).toMatch(/注册平台 “学习强国” · 34 rows: undecided/);
    const written = yaml.load(fs.readFileSync(mappingFile, 'utf8')) as { kind: string; set: Record<string, string | null>; values: MappingEntry[] };
    expect(written.kind).toBe('trainees');
    expect(written.set['户籍']).toBe('待补充');
    const platforms = written.values.filter((v) => v.field === '注册平台');
    const categories = written.values.filter((v) => v.field === '人员类别');
    expect(platforms).toHaveLength(30);
    expect(platforms.reduce((n, v) => n + v.rows, 0)).toBe(ROWS);
    expect(categories.map((v) => [v.value, v.rows])).toEqual([['脱贫户', 200]]);
    expect(platforms.find((v) => v.value === '学习强国')!.suggestions[0]).toContain(XUEXI);

    // The clerk's edit: every value once.
    const spelling = new Map<string, string | null>(SPELLINGS);
    for (const entry of platforms) {
      const target = spelling.get(entry.value)!;
      Object.assign(entry, target === null ? { action: 'new', target: null } : { action: 'map', target });
    }
    Object.assign(categories[0]!, { action: 'map', target: '建档立卡贫困劳动力' });
    fs.writeFileSync(mappingFile, yaml.dump(written));

    const imported = cli('import', 'trainees', file, '--data', data, '--mapping', mappingFile);
    expect(imported.code, imported.stderr + imported.stdout.slice(0, 2000)).toBe(0);
    expect(imported.stdout).toContain('imported 1000 trainees');
    expect(imported.stdout).toContain('added 5 county platforms to the directory');
    expect(imported.stderr).toMatch(/户籍 left 待补充 on 1000 rows/);

    // A second roster of the county: the remembered choices decide every value.
    const second = path.join(tempDir(), '花名册2.xlsx');
    fs.writeFileSync(second, await xlsxBytes({ header: HEADER, rows: roster(1) }));
    const again = cli('import', 'trainees', second, '--data', data, '--set', '户籍=城镇');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('imported 1000 trainees');
    expect(again.stderr).toMatch(/注册平台 “学习强国” · 34 rows: -> “学习强国”技能频道 \(remembered\)/);
    expect(again.stdout).not.toContain('added');

    const context = await openAppContextOn(data);
    try {
      const perPlatform = await context.db('trainees as t').join('platforms as p', 'p.id', 't.platform_id').groupBy('p.name').select('p.name').count<Array<{ name: string; n: number }>>({ n: '*' });
      const counts = Object.fromEntries(perPlatform.map((r) => [r.name, Number(r.n)]));
      // Row i has spelling i % 30: each spelling 33 or 34 rows per roster, each platform the sum of its five.
      const expected: Record<string, number> = {};
      for (let i = 0; i < ROWS; i += 1) {
        const [value, target] = SPELLINGS[i % SPELLINGS.length]!;
        const name = target ?? value;
        expected[name] = (expected[name] ?? 0) + 2;
      }
      expect(counts).toEqual(expected);
      const hukou = await context.db('trainees').select('rural_hukou').count<Array<{ rural_hukou: number | null; n: number }>>({ n: '*' }).groupBy('rural_hukou');
      expect(Object.fromEntries(hukou.map((r) => [String(r.rural_hukou), Number(r.n)]))).toEqual({ null: 1000, 0: 1000 });
      const county = await context.db('platforms').whereIn('name', SPELLINGS.filter(([, t]) => t === null).map(([v]) => v)).select('level');
      expect(county.map((p) => p.level)).toEqual(['city', 'city', 'city', 'city', 'city']);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('says what happened with --skip-invalid when a needed column is missing, and --set fills it', async () => {
    const data = tempDir();
    expect(cli('init', '--data', data, '--county', '230102', '--operator', '张三').code).toBe(0);
    const file = path.join(tempDir(), 'no-date.xlsx');
    fs.writeFileSync(file, await xlsxBytes({ header: ['姓名', '身份证号', '手机号', '户口性质'], rows: [['张三', validIdNumber('19900101', 1), '13800138000', '农村']] }));
    const refused = cli('import', 'trainees', file, '--data', data, '--skip-invalid');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing imported: the file has no column for 注册日期; add the column, or give one value for every row with --set/);
    expect(refused.stderr).not.toMatch(/use --skip-invalid/);
    expect(cli('import', 'trainees', file, '--data', data, '--set', '注册日期=2026-03-02')).toMatchObject({ code: 0, stdout: expect.stringContaining('imported 1 trainees') });
    expect(cli('import', 'trainees', file, '--data', data, '--set', '姓名=张三')).toMatchObject({ code: 1, stderr: expect.stringMatching(/已有“姓名”列/) });
    expect(cli('import', 'trainees', file, '--data', data, '--map', '平台学习强国')).toMatchObject({ code: 2, stderr: expect.stringMatching(/write FIELD:VALUE=ENTRY/) });
    const badFile = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(badFile, '{"values": [{"field": "培训平台", "value": "x", "action": "map"}]}');
    expect(cli('import', 'trainees', file, '--data', data, '--mapping', badFile)).toMatchObject({ code: 2, stderr: expect.stringMatching(/action map needs a target/) });
    const help = cli('import', '--help');
    for (const flag of ['--set', '--map', '--add-platform', '--leave-empty', '--mapping', '--write-mapping', '--no-remember']) expect(help.stdout).toContain(flag);
  }, 120_000);
});
