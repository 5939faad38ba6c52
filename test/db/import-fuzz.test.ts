/**
 * Malformed and truncated .xlsx/.csv bytes: every one ends in a clean value (a dry run, or a VALIDATION error with
 * a Chinese message), never a crash, and nothing is written before a commit; a commit is all or nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportDryRun } from '../../src-shared/schemas/import';
import { openTempApp, validIdNumber, type TempApp } from '../support/temp-app';
import { csvBytes, dryRunBytes, liveTrainees, xlsxBytes, type SheetSpec } from './import-fixtures';

let app: TempApp;
let xlsx: Buffer;
let csv: Buffer;
const spec: SheetSpec = {
  titles: ['学员名单'],
  header: ['姓名', '身份证号', '手机', '人员类别', '户籍', '注册日期'],
  rows: Array.from({ length: 40 }, (_, i) => ['张三', validIdNumber('19900101', i), '13800138000', '失业人员', '农村', 43922 + i]),
};

beforeAll(async () => {
  app = await openTempApp();
  xlsx = await xlsxBytes(spec);
  csv = csvBytes(spec, 'gbk');
});
afterAll(async () => {
  await app.dispose();
});

/** A mutation of a good file: cut at a point, bytes overwritten, or a slice dropped. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('flip' as const), edits: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }) }),
  fc.record({ kind: fc.constant('splice' as const), from: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 2000 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(source: Buffer, m: Mutation): Buffer {
  if (m.kind === 'truncate') return source.subarray(0, Math.floor(source.length * m.at));
  if (m.kind === 'splice') {
    const from = Math.floor(source.length * m.from);
    return Buffer.concat([source.subarray(0, from), source.subarray(from + m.length)]);
  }
  const copy = Buffer.from(source);
  for (const [where, value] of m.edits) copy[Math.min(copy.length - 1, Math.floor(copy.length * where))] = value;
  return copy;
}

describe('damaged files', () => {
  for (const [label, source] of [['xlsx', () => xlsx], ['csv', () => csv]] as const) {
    it(`${label}: every mutation ends in a clean value, and a commit is all or nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          const before = await liveTrainees(app.context);
          const result = await dryRunBytes(app.context, mutate(source(), m), 'trainees');
          expect(await liveTrainees(app.context)).toBe(before);
          if (!result.ok) {
            expect(result.error.code).toBe('VALIDATION');
            expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/);
            return;
          }
          const dry = result.data as ImportDryRun;
          const commit = await app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: true });
          const after = await liveTrainees(app.context);
          if (commit.ok && dry.missingFields.length === 0) expect(after - before).toBe((commit.data as { imported: number }).imported);
          else expect(after).toBe(before);
          // Keep the store small and the next iteration meaningful.
          await app.context.db('trainee_categories').delete();
          await app.context.db('outbox').delete();
          await app.context.db('trainees').delete();
        }),
        { numRuns: label === 'xlsx' ? 60 : 100 },
      );
    }, 120_000);
  }
});

/**
 * Issue #14: any set of value decisions (map, new platform, empty, undecided, refused), with the import cancelled
 * at once or a same-named platform added by another window between check and import, leaves the store either
 * with the whole import (trainees, new platforms, remembered choices, each row as its value was decided) or
 * exactly as before.
 */
describe('value mapping: all or nothing', () => {
  const SPELLINGS = ['学习强国', '技能强国', '示例平台乙', '县农技学堂', '职培在线', ''];
  const CATEGORY_TEXTS = ['失业人员', '脱贫户', '失业、脱贫户', '', '两后生；其他'];
  const decision = fc.constantFrom('map', 'new', 'empty', 'undecided', 'refused');
  const scenario = fc.record({
    rows: fc.array(fc.tuple(fc.nat(SPELLINGS.length - 1), fc.nat(CATEGORY_TEXTS.length - 1)), { minLength: 1, maxLength: 30 }),
    platforms: fc.array(decision, { minLength: SPELLINGS.length, maxLength: SPELLINGS.length }),
    categories: fc.array(fc.constantFrom('map', 'empty', 'undecided', 'refused'), { minLength: 2, maxLength: 2 }),
    hukou: fc.constantFrom<string | null | undefined>(undefined, null, '城镇', '农村'),
    skipInvalid: fc.boolean(),
    interference: fc.constantFrom('none', 'cancel', 'duplicate'),
  });
  const count = async (table: string) => Number((await app.context.db(table).count<Array<{ n: number }>>({ n: '*' }))[0]!.n);

  it('any decisions and interference leave nothing half-imported', async () => {
    const national = (await app.context.services.platforms.list()).find((p) => p.name === '“学习强国”技能频道')!;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        // A new platform stays in the directory, and would match its spelling exactly in the next run: each run spells anew.
        run += 1;
        const rows = s.rows.map(([p, c], i) => ['张三', validIdNumber('19900202', i), '13800138000', CATEGORY_TEXTS[c]!, '2026-03-02', SPELLINGS[p]! === '' ? null : `${SPELLINGS[p]!}${run}`]);
        const bytes = await xlsxBytes({ header: ['姓名', '身份证号', '手机', '人员类别', '注册日期', '平台'], rows });
        const decisions = [
          ...SPELLINGS.slice(0, -1).map((value, i) => ({ value: `${value}${run}`, how: s.platforms[i]! })).flatMap(({ value, how }) =>
            how === 'map' ? [{ field: 'platform', value, action: 'map', target: national.id }]
            : how === 'new' ? [{ field: 'platform', value, action: 'new' }]
            : how === 'empty' ? [{ field: 'platform', value, action: 'empty' }]
            : how === 'refused' ? [{ field: 'platform', value, action: 'map', target: '不存在的平台' }]
            : []),
          ...['脱贫户', '其他'].flatMap((value, i) =>
            s.categories[i] === 'map' ? [{ field: 'categories', value, action: 'map', target: 'poverty_registered' }]
            : s.categories[i] === 'empty' ? [{ field: 'categories', value, action: 'empty' }]
            : s.categories[i] === 'refused' ? [{ field: 'categories', value, action: 'new' }]
            : []),
        ];
        const before = { trainees: await liveTrainees(app.context), platforms: await count('platforms'), choices: await count('import_value_choices') };
        const stored = await app.context.services.files.put(bytes, 'upload.xlsx');
        const fill = s.hukou === undefined ? undefined : { ruralHukou: s.hukou };
        const result = await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'trainees', decisions, ...(fill ? { fill } : {}) });
        const refused = s.platforms.slice(0, -1).includes('refused') || s.categories.includes('refused');
        if (!result.ok) {
          expect(refused, JSON.stringify(result.error)).toBe(true);
          expect(result.error.code).toBe('VALIDATION');
        } else {
          expect(refused).toBe(false);
          const dry = result.data as ImportDryRun;
          const newNames = dry.values.filter((v) => v.decision?.action === 'new').map((v) => v.value);
          let extraPlatforms = 0;
          if (s.interference === 'duplicate' && newNames.length > 0) {
            await app.context.services.platforms.create({ name: newNames[0]!, url: null, level: 'city' });
            extraPlatforms = 1;
          }
          const committing = app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: s.skipInvalid });
          if (s.interference === 'cancel') await app.context.invoke('import.cancel', { jobId: dry.jobId });
          const commit = await committing;
          const after = { trainees: await liveTrainees(app.context), platforms: await count('platforms'), choices: await count('import_value_choices') };
          const wrote = commit.ok && (commit.data as { status: string }).status === 'done';
          if (wrote) {
            expect(after.trainees - before.trainees).toBe(dry.counts.new);
            expect(after.platforms - before.platforms).toBe(newNames.length + extraPlatforms);
            expect(after.choices).toBeGreaterThanOrEqual(before.choices);
            const saved = await app.context.db('trainees as t').leftJoin('platforms as p', 'p.id', 't.platform_id').select('p.name');
            for (const { name } of saved) expect(name === null || name === national.name || newNames.includes(name)).toBe(true);
          } else {
            expect(after).toEqual({ ...before, platforms: before.platforms + extraPlatforms });
          }
        }
        await app.context.db('trainee_categories').delete();
        await app.context.db('outbox').delete();
        await app.context.db('trainees').delete();
      }),
      { numRuns: 60 },
    );
  }, 240_000);
});

/**
 * Training records with 同时登记 (#14 item 4): rows of registered and unregistered trainees, with and without a
 * phone, checked with or without registerMissing, then imported as is, cancelled at once, or after another window
 * registered one of the trainees the import registers. The store holds the whole import (every registration with
 * its records) or is exactly as before.
 */
describe('training records with 同时登记: all or nothing', () => {
  const PLATFORM = '中国职业培训在线';
  const person = fc.record({ who: fc.nat(5), phone: fc.boolean(), course: fc.constantFrom('电工', '焊工', '养老护理') });
  const scenario = fc.record({
    rows: fc.array(person, { minLength: 1, maxLength: 20 }),
    registerMissing: fc.boolean(),
    skipInvalid: fc.boolean(),
    interference: fc.constantFrom('none', 'cancel', 'registered-meanwhile'),
  });
  const count = async (table: string) => Number((await app.context.db(table).whereNull('deleted_at').count<Array<{ n: number }>>({ n: '*' }))[0]!.n);

  it('any rows, choice and interference leave nothing half-imported', async () => {
    // who 0 and 1 are registered before each run; 2-5 are not.
    const idOf = (who: number) => validIdNumber('19910303', 500 + who);
    const nameOf = (who: number) => `孙${'甲乙丙丁戊己'[who]!}`;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        // A fresh store for each run (also after a failed one, while fast-check shrinks it).
        for (const table of ['enrolments', 'trainee_categories', 'outbox', 'trainees']) await app.context.db(table).delete();
        await app.context.services.trainees.createMany([0, 1].map((who) => ({ idNumber: idOf(who), name: nameOf(who), phone: '13800138000', categories: [], ruralHukou: null, registeredAt: '2026-03-01', platformId: null, note: null })));
        const rows = s.rows.map((r) => [idOf(r.who), nameOf(r.who), r.phone ? '13900139000' : '', PLATFORM, r.course, '2026-03-02', 4, '是']);
        const bytes = await xlsxBytes({ header: ['身份证号', '姓名', '手机号码', '培训平台', '课程名称', '开始日期', '学时', '是否签到'], rows });
        const before = { trainees: await count('trainees'), enrolments: await count('enrolments'), outbox: Number((await app.context.db('outbox').count<Array<{ n: number }>>({ n: '*' }))[0]!.n) };
        const stored = await app.context.services.files.put(bytes, 'records.xlsx');
        const result = await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'enrolments', registerMissing: s.registerMissing });
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const dry = result.data as ImportDryRun;
        const registering = s.registerMissing ? [...new Set(s.rows.filter((r) => r.who >= 2 && r.phone).map((r) => r.who))] : [];
        expect(dry.unregistered?.register ?? s.registerMissing).toBe(s.registerMissing);
        let meanwhile = 0;
        if (s.interference === 'registered-meanwhile' && registering.length > 0) {
          const who = registering[0]!;
          await app.context.services.trainees.create({ idNumber: idOf(who), name: nameOf(who), phone: '13800138000', categories: [], ruralHukou: null, registeredAt: '2026-03-01', platformId: null, note: null });
          meanwhile = 1;
        }
        const committing = app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: s.skipInvalid });
        if (s.interference === 'cancel') await app.context.invoke('import.cancel', { jobId: dry.jobId });
        const commit = await committing;
        const after = { trainees: await count('trainees'), enrolments: await count('enrolments') };
        const wrote = commit.ok && (commit.data as { status: string }).status === 'done';
        if (wrote) {
          expect(meanwhile).toBe(0);
          expect(commit.data).toMatchObject({ imported: dry.counts.new, registered: registering.length });
          expect(after).toEqual({ trainees: before.trainees + registering.length, enrolments: before.enrolments + dry.counts.new });
          // Every record names a trainee that exists: none was written without its registration.
          const orphans = await app.context.db('enrolments as e').leftJoin('trainees as t', 't.id', 'e.trainee_id').whereNull('t.id').count<Array<{ n: number }>>({ n: '*' });
          expect(Number(orphans[0]!.n)).toBe(0);
        } else {
          expect(after).toEqual({ trainees: before.trainees + meanwhile, enrolments: before.enrolments });
          const outbox = Number((await app.context.db('outbox').count<Array<{ n: number }>>({ n: '*' }))[0]!.n);
          expect(outbox).toBe(before.outbox + meanwhile);
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});
