/**
 * Importing trainee lists as counties keep them: titles above the header, synonyms, every kind of damaged ID
 * number and date, blank and total rows, duplicates, near-miss category words; dry run first, all or nothing.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportDryRun } from '../../src-shared/schemas/import';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';
import { csvBytes, dryRunBytes, liveTrainees, xlsxBytes, type Cell, type SheetSpec } from './import-fixtures';
import { idHash, openedJson, openedTrainees } from '../support/sealed-store';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const HEADER = ['序号', '名字', '公民身份号码', '联系电话', '类别', '户口性质', '登记日期', '平台', '备注'];
const id = (seq: number, birth = '19900101') => validIdNumber(birth, seq);
/** The first sequence number whose check character is X, to show a lowercase x being accepted. */
const ID_WITH_X = Array.from({ length: 999 }, (_, s) => validIdNumber('19850505', s)).find((n) => n.endsWith('X'))!;

/** The clean-ups: every row here must be accepted and normalised. */
function messyButValidRows(): Cell[][] {
  return [
    [1, '张三', id(11), '13800138000', '贫困户', '农业', 43922, null, null],
    [2, '李四', `  ${id(13).slice(0, 6)} ${id(13).slice(6, 14)} ${id(13).slice(14)} `, '138 0013 8001', '农民工、大学毕业生', '非农业', new Date(Date.UTC(2020, 3, 1)), null, null],
    [3, '王五', id(15).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), '+86 13800138002', '低保户', '农村', '2020年4月1日', null, null],
    [4, '赵六', `'${id(17)}`, '13800138003', '“两后生”', '城镇', '2020.4.1', null, null],
    [5, '钱七', ID_WITH_X.toLowerCase(), '0451-82345678', '失业', '农业户口', '2020/4/1', null, '=HYPERLINK("http://x")'],
    [6, '孙八', id(19), '13800138005', '下岗', '非农业户口', '20200401', null, null],
  ];
}

function spec(rows: Cell[][], extra: Partial<SheetSpec> = {}): SheetSpec {
  return { titles: ['某某县百日免费线上技能培训学员花名册', '填报单位：某某县人社局'], header: HEADER, rows, ...extra };
}

async function check(bytes: Buffer, mapping?: Record<string, string | null>): Promise<ImportDryRun> {
  const result = await dryRunBytes(app.context, bytes, 'trainees', mapping);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data as ImportDryRun;
}

/** The error report of a checked file, read back as the clerk's Excel would. */
async function reportSheet(jobId: string): Promise<ExcelJS.Worksheet> {
  const report = await app.context.invoke('import.report', { jobId });
  if (!report.ok) throw new Error(report.error.message);
  const { fileId } = report.data as { fileId: string };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(app.context.services.files.get(fileId).path);
  return workbook.worksheets[0]!;
}

describe('trainee import: real-world mess that is normalised', () => {
  it('finds the header under merged titles, skips blank and total rows, and imports every clean-up', async () => {
    const rows = [...messyButValidRows(), [null, null, null, null, null, null, null, null, null], [null, '合计', '6人'], ['填表人：张会计']];
    const dry = await check(await xlsxBytes(spec(rows)));
    expect(dry.headerRow).toBe(3);
    expect(dry.missingFields).toEqual([]);
    expect(dry.problems).toEqual([]);
    expect(dry.counts).toEqual({ rows: 6, new: 6, existing: 0, invalid: 0, hidden: 0 });
    expect(dry.columns.map((c) => c.field)).toEqual([null, 'name', 'idNumber', 'phone', 'categories', 'ruralHukou', 'registeredAt', 'platform', 'note']);
    expect(await liveTrainees(app.context)).toBe(0); // a dry run writes nothing

    const commit = await app.context.invoke('import.commit', { jobId: dry.jobId });
    expect(commit).toEqual({ ok: true, data: { status: 'done', imported: 6, skipped: 0, existing: 0, closedSkipped: 0, registered: 0 } });
    const stored = openedTrainees(app.context.db, await app.context.db('trainees').orderBy('name').select('name', 'id_number', 'phone', 'rural_hukou', 'registered_at', 'note'));
    expect(stored.map((r) => r.registered_at)).toEqual(Array(6).fill('2020-04-01'));
    expect(stored.find((r) => r.name === '李四')).toMatchObject({ id_number: id(13), phone: '13800138001', rural_hukou: 0 });
    expect(stored.find((r) => r.name === '王五')).toMatchObject({ id_number: id(15), phone: '13800138002', rural_hukou: 1 });
    expect(stored.find((r) => r.name === '赵六')!.id_number).toBe(id(17));
    expect(stored.find((r) => r.name === '钱七')).toMatchObject({ id_number: ID_WITH_X, phone: '0451-82345678', note: '=HYPERLINK("http://x")' });
    const categories = await app.context.db('trainee_categories as c').join('trainees as t', 't.id', 'c.trainee_id').select('t.name', 'c.category');
    const of = (name: string) => categories.filter((c) => c.name === name).map((c) => c.category).sort();
    expect(of('张三')).toEqual(['poverty_registered']);
    expect(of('李四')).toEqual(['college_graduate', 'rural_migrant']);
    expect(of('王五')).toEqual(['urban_min_allowance']);
    expect(of('赵六')).toEqual(['school_leaver']);
    // Audit and outbox rows as for a form registration, plus one audit row for the import itself.
    expect(await app.context.db('outbox').where({ entity: 'trainee' }).count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 6 }]);
    expect(await app.context.db('audit_log').where({ entity: 'import' }).first('action')).toEqual({ action: 'import_trainees' });
  });

  it('reads the same list from CSV in UTF-8 with BOM, without BOM, and GBK', async () => {
    const rows = messyButValidRows().map((r) => r.map((c) => (c instanceof Date ? '2020-04-01' : c)));
    for (const encoding of ['utf-8-bom', 'utf-8', 'gbk'] as const) {
      const dry = await check(csvBytes(spec(rows, { titles: ['某某县学员名单'] }), encoding));
      expect(dry.counts, encoding).toEqual({ rows: 6, new: 6, existing: 0, invalid: 0, hidden: 0 });
    }
  });

  it('matches a platform by name and lets the clerk map an unknown column by hand', async () => {
    const platform = (await app.context.services.platforms.list())[0]!;
    const bytes = await xlsxBytes({ header: ['学员', '身份证号', '手机号', '人员类别', '户籍', '注册日期', '注册平台'], rows: [['张三', id(11), '13800138000', '失业人员', '农村', '2020-04-01', ` ${platform.name} `]] });
    const unmapped = await check(bytes);
    expect(unmapped.missingFields).toEqual(['姓名']);
    expect(unmapped.problems[0]!.reason).toMatch(/找不到“姓名”列/);
    expect(await app.context.invoke('import.commit', { jobId: unmapped.jobId })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const mapped = await check(bytes, { '1': 'name' });
    expect(mapped.counts.new).toBe(1);
    await app.context.invoke('import.commit', { jobId: mapped.jobId });
    expect(await app.context.db('trainees').first('platform_id')).toEqual({ platform_id: platform.id });
  });
});

describe('trainee import: rows rejected with a precise reason', () => {
  it('explains damaged ID numbers, bad dates, unknown words and duplicates, and imports nothing', async () => {
    await app.context.services.trainees.create(traineeInput({ idNumber: id(31) }) as never);
    const rows: Cell[][] = [
      [1, '甲', 230102199001011234, '13800138000', '失业人员', '农村', 43922, null, null],
      [2, '乙', '2.30102199001011E+17', '13800138000', '失业人员', '农村', 43922, null, null],
      [3, '丙', '230102199001011000', '13800138000', '失业人员', '农村', 43922, null, null],
      [4, '丁', id(21), '13800138000', '其他人员', '居民', '2020-13-45', '不存在的平台', null],
      [5, '戊', id(23), '12345', '失业人员', '农村', 43922, null, null],
      [6, '己', id(25), '13800138000', '失业人员', '农村', 43922, null, null],
      [7, '庚', id(25), '13800138000', '失业人员', '农村', 43922, null, null],
      [8, '壬', id(31), '13800138000', '失业人员', '农村', 43922, null, null],
      [9, '辛', id(33), '13800138000', '失业人员', '农村', 43922, null, null],
    ];
    const dry = await check(await xlsxBytes({ header: HEADER, rows }));
    expect(dry.counts).toEqual({ rows: 9, new: 2, existing: 1, invalid: 6, hidden: 0 });
    const at = (row: number) => dry.problems.filter((p) => p.row === row);
    expect(at(2)[0]).toMatchObject({ column: '公民身份号码' });
    // Issue #14: the damage is named as Excel shows it, never as digits that look like a real number.
    expect(at(2)[0]!.reason).toMatch(/存成了数字（Excel 显示为 2\.30102E\+17）.*后几位已经丢失/);
    expect(at(2)[0]!.reason).not.toMatch(/2301021990010112|230102199001011000/);
    expect(at(3)[0]!.reason).toMatch(/科学计数法/);
    expect(at(4)[0]!.reason).toMatch(/以“000”结尾.*Excel/);
    expect(at(5).map((p) => p.column).sort()).toEqual(['平台', '户口性质', '登记日期', '类别'].sort());
    expect(at(5).find((p) => p.column === '类别')!.reason).toMatch(/人员类别“其他人员”不在规定的人员类别中.*逐个值选择/);
    expect(at(6)).toEqual([{ row: 6, column: '联系电话', reason: expect.stringMatching(/手机号码应为11位|座机/) }]);
    expect(at(8)[0]!.reason).toMatch(/与第 7 行的身份证号重复/);
    expect(at(9)).toEqual([]); // already registered: skipped, not an error

    // The error report lists every rejected row once: its sheet row number, then each problem as "column：reason".
    const report = await reportSheet(dry.jobId);
    // getSheetValues() gives each row as a sparse array indexed by column number (1-based).
    const reportRows = report.getSheetValues().slice(2) as ExcelJS.CellValue[][];
    const listed = reportRows.map((values) => ({ row: values[1], reasons: String(values[2]).split('\n') }));
    expect(listed.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 8]);
    for (const { row, reasons } of listed) {
      expect(reasons.sort(), `row ${String(row)}`).toEqual(at(Number(row)).map((p) => `${p.column}：${p.reason}`).sort());
    }
    expect(listed.find((r) => r.row === 5)!.reasons).toHaveLength(4);
    // The damaged number is written back as Excel shows it, and the report read again refuses it.
    expect(reportRows.find((values) => values[1] === 2)![5]).toBe('2.30102E+17');
    const reportBytes = Buffer.from(await report.workbook.xlsx.writeBuffer());
    const reimported = await check(reportBytes);
    expect(reimported.problems.find((p) => p.row === 2)).toMatchObject({ column: '公民身份号码', reason: expect.stringMatching(/科学计数法/) });

    const before = await liveTrainees(app.context);
    const refused = await app.context.invoke('import.commit', { jobId: dry.jobId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/有 6 行数据有误，本次没有导入任何数据/) } });
    expect(await liveTrainees(app.context)).toBe(before);

    const partial = await app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: true });
    expect(partial).toEqual({ ok: true, data: { status: 'done', imported: 2, skipped: 6, existing: 1, closedSkipped: 0, registered: 0 } });
    expect(await liveTrainees(app.context)).toBe(before + 2);
  });

  it('writes an error report with the original cells and reasons that imports again once fixed', async () => {
    const rows: Cell[][] = [[1, '甲', id(41), '13800138000', '其他人员', '农村', 43922, null, null]];
    const dry = await check(await xlsxBytes({ header: HEADER, rows, textColumns: [3] }));
    const sheet = await reportSheet(dry.jobId);
    const workbook = sheet.workbook;
    expect(sheet.getRow(1).values).toEqual([undefined, '原行号', '错误原因', ...HEADER]);
    expect(sheet.getCell('A2').value).toBe(2);
    expect(String(sheet.getCell('B2').value)).toMatch(/类别：人员类别“其他人员”不在规定的人员类别中/);
    expect(sheet.getCell('E2').value).toBe(id(41)); // the ID number stays text
    sheet.getCell('G2').value = '失业人员'; // the clerk fixes the category in place
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    const again = await check(fixed);
    expect(again.counts).toEqual({ rows: 1, new: 1, existing: 0, invalid: 0, hidden: 0 });
  });

  it('refuses .xls and WPS files, empty files and files without a header, as values', async () => {
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    expect(await dryRunBytes(app.context, ole2, 'trainees')).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/另存为/) } });
    expect(await dryRunBytes(app.context, Buffer.from('这只是一段文字\n没有表头\n'), 'trainees')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/没有找到表头/) },
    });
  });
});

/** Distinct valid people, enough rows for several progress events (every 2,000 rows read, 2,000 written). */
function bigSheetRows(count: number): Cell[][] {
  return Array.from({ length: count }, (_, i) => [i + 1, '张三', validIdNumber(`1990${String(1 + (i % 9)).padStart(2, '0')}01`, Math.floor(i / 9)), '13800138000', '失业人员', '农村', 43922, null, null]);
}

describe('big imports: progress and cancel', () => {
  it('reports progress, and a cancel rolls everything back', async () => {
    const dry = await check(await xlsxBytes({ header: HEADER, rows: bigSheetRows(4500) }));
    expect(dry.counts.new).toBe(4500);
    expect(dry.counts.invalid).toBe(0);
    const cacheSize = await app.context.db.raw('PRAGMA cache_size');
    const events: Array<{ phase: string; done: number; total: number }> = [];
    const stop = app.context.onEvent((event) => {
      if (event.type !== 'import.progress') return;
      events.push(event.payload);
      if (event.payload.phase === 'write') void app.context.invoke('import.cancel', { jobId: dry.jobId });
    });
    const result = await app.context.invoke('import.commit', { jobId: dry.jobId });
    stop();
    expect(result).toEqual({ ok: true, data: { status: 'cancelled', imported: 0, skipped: 0, existing: 0, closedSkipped: 0, registered: 0 } });
    expect(events.some((e) => e.phase === 'write' && e.done > 0 && e.total === dry.counts.new)).toBe(true);
    expect(await liveTrainees(app.context)).toBe(0);
    expect(await app.context.db('outbox').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
    // The import writes with a smaller page cache (memory), and gives the store its own size back.
    expect(await app.context.db.raw('PRAGMA cache_size')).toEqual(cacheSize);
    // The job survives a cancel: the clerk can start it again.
    expect(await app.context.invoke('import.commit', { jobId: dry.jobId })).toEqual({ ok: true, data: { status: 'done', imported: dry.counts.new, skipped: 0, existing: 0, closedSkipped: 0, registered: 0 } });
  });

  it('writes every row with its categories, audit and outbox entries, in the order of the file', async () => {
    const dry = await check(await xlsxBytes({ header: HEADER, rows: bigSheetRows(1234) }));
    const written: number[] = [];
    const stop = app.context.onEvent((event) => {
      if (event.type === 'import.progress' && event.payload.phase === 'write') written.push(event.payload.done);
    });
    expect(await app.context.invoke('import.commit', { jobId: dry.jobId })).toMatchObject({ ok: true, data: { status: 'done', imported: 1234 } });
    stop();
    // Progress every 500 rows and at the end, rising: not one event per script handed to SQLite.
    expect(written).toEqual([500, 1000, 1234]);
    const count = async (table: string) => Number((await app.context.db(table).count<Array<{ n: number }>>({ n: '*' }))[0]!.n);
    expect([await liveTrainees(app.context), await count('trainee_categories'), await count('outbox')]).toEqual([1234, 1234, 1234]);
    expect(await app.context.db('audit_log').where({ entity: 'trainee', action: 'create' }).count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 1234 }]);
    // Chunks are written in order: the outbox (what sync sends) lists the trainees as the file does.
    const sent = await app.context.db('outbox').orderBy('seq').pluck<string[]>('payload');
    const expected = bigSheetRows(1234).map((row) => row[2]);
    expect(sent.map((payload) => openedJson<{ idNumber: string }>(app.context.db, payload).idNumber)).toEqual(expected);
  });

  it('a roster big enough to seal its numbers in a thread of their own: every number sealed once, the outbox op holding the row\'s own ciphertexts', async () => {
    // 4,100 rows: 8,200 numbers, past SEAL_AHEAD_MIN_TEXTS (seal-ahead.ts), and across its 2,000-number blocks.
    const rows = bigSheetRows(4100).map((row, i) => [...row.slice(0, 3), `138${String(i).padStart(8, '0')}`, ...row.slice(4)]);
    const dry = await check(await xlsxBytes({ header: HEADER, rows }));
    expect(await app.context.invoke('import.commit', { jobId: dry.jobId })).toMatchObject({ ok: true, data: { status: 'done', imported: 4100 } });
    const stored = await app.context.db('trainees').orderBy('rowid').select<Array<{ id: string; id_number: string; phone: string }>>('id', 'id_number', 'phone');
    expect(stored.every((row) => row.id_number.startsWith('pd1:') && row.phone.startsWith('pd1:'))).toBe(true);
    // Each row's numbers are its own file row's, in the file's order: no block came back out of place.
    expect(openedTrainees(app.context.db, stored).map((row) => [row.id_number, row.phone])).toEqual(rows.map((row) => [row[2], row[3]]));
    const payloads = await app.context.db('outbox').orderBy('seq').pluck<string[]>('payload');
    const kept = payloads.map((payload) => JSON.parse(payload.slice('pf1:'.length)) as { id: string; idNumber: string; phone: string });
    expect(kept.map((op) => [op.id, op.idNumber, op.phone])).toEqual(stored.map((row) => [row.id, row.id_number, row.phone]));
    // The trainees stay findable by their blind indexes.
    expect(await app.context.db('trainees').where({ id_hash: idHash(app.context.db, rows[4099]![2] as string) }).first('id')).toEqual({ id: stored[4099]!.id });
  });

  it('an ID number registered between the check and the import fails the whole import, with a reason', async () => {
    const rows = bigSheetRows(1500);
    const dry = await check(await xlsxBytes({ header: HEADER, rows }));
    // Registered meanwhile (typed in, or arrived with a sync): it sits in the last chunk of the import.
    await app.context.services.trainees.create(traineeInput({ idNumber: rows[1400]![2] }) as never);
    const result = await app.context.invoke('import.commit', { jobId: dry.jobId });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!result.ok && result.error.message).toContain('请重新检查文件后再导入');
    expect(await liveTrainees(app.context)).toBe(1);
    expect(await app.context.db('outbox').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('an error that ends the transaction mid-import (disk full, I/O) leaves nothing behind', async () => {
    const rows = bigSheetRows(1500);
    const dry = await check(await xlsxBytes({ header: HEADER, rows }));
    // RAISE(ROLLBACK) ends the transaction as an I/O error does, with scripts of later chunks already queued.
    await app.context.db.raw(`create trigger import_boom before insert on trainees when new.id_hash = '${idHash(app.context.db, String(rows[700]![2]))}' begin select raise(rollback, 'disk I/O error'); end`);
    const result = await app.context.invoke('import.commit', { jobId: dry.jobId });
    await app.context.db.raw('drop trigger import_boom');
    expect(result.ok).toBe(false);
    expect(await liveTrainees(app.context)).toBe(0);
    const count = async (table: string) => Number((await app.context.db(table).count<Array<{ n: number }>>({ n: '*' }))[0]!.n);
    expect([await count('trainee_categories'), await count('outbox')]).toEqual([0, 0]);
    expect(await app.context.db('audit_log').whereIn('entity', ['trainee', 'import']).count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('a cancel during the dry run stops the reading, keeps no job and writes nothing', async () => {
    const bytes = await xlsxBytes({ header: HEADER, rows: bigSheetRows(4500) });
    const reads: number[] = [];
    let jobId: string | null = null;
    const stop = app.context.onEvent((event) => {
      if (event.type !== 'import.progress' || event.payload.phase !== 'read') return;
      reads.push(event.payload.done);
      jobId = event.payload.jobId;
      // The first event (0 rows) names the job; cancel once rows are being read.
      if (event.payload.done > 0) void app.context.invoke('import.cancel', { jobId });
    });
    const result = await dryRunBytes(app.context, bytes, 'trainees');
    stop();
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: expect.stringMatching(/已取消检查文件/) } });
    expect(reads[0]).toBe(0);
    expect(reads).toContain(2000);
    expect(Math.max(...reads)).toBeLessThan(4500); // the last event of a finished read counts every row
    // No plan was kept: there is nothing to import or report under that id.
    expect(await app.context.invoke('import.commit', { jobId: jobId! })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await liveTrainees(app.context)).toBe(0);
    // The same file checks again in full.
    const again = await dryRunBytes(app.context, bytes, 'trainees');
    expect(again).toMatchObject({ ok: true, data: { counts: { rows: 4500, new: 4500 } } });
  });
});
