/**
 * Issue #19 item 1: ID numbers and phones are not readable from the PC's files. After a demo store, an import,
 * edits and a sync to a server, none of the known numbers is found in the SQLite file, its WAL, a backup (made by
 * 设置 → 数据备份 and by a migration), nor in an export without full numbers; the search still finds trainees by
 * whole ID number, its last 6 characters and the phone. A store that has been copied off the PC opens only with
 * its recovery code, and a wrong code changes nothing. An old store is sealed in place.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile, openDatabase } from '../../src-main/core/db/connection';
import { fillDemoData } from '../../src-main/core/demo/demo-data';
import { recoverWithCode } from '../../src-main/core/secrets/recover';
import type { AppContext } from '../../src-main/core/app-context';
import { desktopMigrationSource } from '../../migrations/desktop';
import { describeEachServer } from '../support/fixtures';
import { openedTrainees } from '../support/sealed-store';
import { sync } from '../support/sync-harness';
import { openAppContextOn, openTempApp, traineeInput, unlockAsLastOperator, validIdNumber } from '../support/temp-app';
import { dryRunBytes, xlsxBytes } from '../db/import-fixtures';
import { migrateDownThrough } from '../support/migrate-down';
import { verifyLocalAuditChain } from '../../src-main/core/audit/audit-verify';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-at-rest-'));
  dirs.push(dir);
  return dir;
}

/** The store's own files (database, WAL, shared memory) and every copy under backups/, read raw. */
function storeFiles(dataDir: string): string[] {
  const file = databaseFile(dataDir);
  const backups = path.join(dataDir, 'backups');
  const copies = fs.existsSync(backups) ? fs.readdirSync(backups).map((f) => path.join(backups, f)) : [];
  return [file, `${file}-wal`, `${file}-shm`, ...copies].filter((f) => fs.existsSync(f));
}

/** Files in which none of `needles` may be found, by name: raw bytes, as `grep -c` would read them. */
function expectNoneIn(needles: readonly string[], files: ReadonlyArray<[string, Buffer]>): void {
  for (const [name, bytes] of files) {
    const found = needles.filter((n) => bytes.includes(Buffer.from(n, 'utf8')));
    expect({ name, found }).toEqual({ name, found: [] });
  }
}

/** Every cell of an .xlsx as text (the file is a zip: its raw bytes would hide anything). */
async function xlsxText(file: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
  return Buffer.from(cells.join('\n'), 'utf8');
}

async function call<T>(context: AppContext, procedure: string, input: unknown): Promise<T> {
  const result = await context.invoke(procedure, input);
  if (!result.ok) throw new Error(`${procedure}: ${result.error.message}`);
  return result.data as T;
}

async function searchIds(context: AppContext, query: string): Promise<string[]> {
  const page = await call<{ items: Array<{ id: string }> }>(context, 'trainees.list', { query, page: 1, pageSize: 50 });
  return page.items.map((t) => t.id);
}

/** The clear numbers of every trainee in the store, read through the store's key (what must not be in the files). */
async function knownNumbers(context: AppContext): Promise<string[]> {
  const rows = openedTrainees(context.db, await context.db('trainees').select<Array<{ id_number: string; phone: string }>>('id_number', 'phone'));
  return [...new Set(rows.flatMap((r) => [r.id_number, r.phone]))];
}

const IMPORT_HEADER = ['姓名', '身份证号', '手机号', '类别', '户口性质', '登记日期'];

describeEachServer('personal data at rest on the PC', (test) => {
  test('no ID number or phone in the store, its WAL, backups or masked exports after demo, import, edits and sync', async ({ enrolPc }) => {
    const pc = await enrolPc();
    const context = pc.context;
    await fillDemoData(context, { countyCode: '230102', operatorName: '张三', trainees: 120 });
    const imported = Array.from({ length: 30 }, (_, i) => [`导入${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'一二三'[Math.floor(i / 10)]}`, validIdNumber('19880808', 400 + i), `1370000${String(1000 + i)}`, '农民工', '农业', '2020-04-02']);
    const dry = await dryRunBytes(context, await xlsxBytes({ header: IMPORT_HEADER, rows: imported }), 'trainees');
    if (!dry.ok) throw new Error(dry.error.message);
    await call(context, 'import.commit', { jobId: (dry.data as { jobId: string }).jobId });
    const edited = await call<{ id: string }>(context, 'trainees.create', traineeInput({ idNumber: validIdNumber('19770707', 71), phone: '13512345678' }));
    await call(context, 'trainees.update', { id: edited.id, patch: { phone: '13587654321', idNumber: validIdNumber('19770707', 72) } });
    expect((await sync(pc)).outcome).toBe('done');
    // One more after the sync: its op waits in the outbox, with the full numbers in its payload.
    await call(context, 'trainees.create', traineeInput({ idNumber: validIdNumber('19660606', 61), phone: '13911112222', name: '待发' }));

    const needles = [...(await knownNumbers(context)), validIdNumber('19770707', 71), '13512345678'];
    expect(needles.length).toBeGreaterThan(300);
    const backup = await call<{ fileId: string }>(context, 'backup.create', {});
    const masked = await Promise.all(
      (['trainees', 'enrolments'] as const).map(async (kind) => {
        const file = await call<{ fileId: string }>(context, 'export.create', { kind, fullNumbers: false });
        return [`export ${kind}`, await xlsxText(context.services.files.get(file.fileId).path)] as [string, Buffer];
      }),
    );
    expect(fs.existsSync(`${databaseFile(pc.dir)}-wal`)).toBe(true);
    expectNoneIn(needles, [
      ...storeFiles(pc.dir).map((f) => [path.basename(f), fs.readFileSync(f)] as [string, Buffer]),
      ['backup', fs.readFileSync(context.services.files.get(backup.fileId).path)],
      ...masked,
    ]);

    // The checker can fail: a full-numbers export holds them, and the search still finds every way it should.
    const full = await call<{ fileId: string }>(context, 'export.create', { kind: 'trainees', fullNumbers: true });
    expect((await xlsxText(context.services.files.get(full.fileId).path)).includes(Buffer.from(imported[3]![1]!, 'utf8'))).toBe(true);
    const [one] = openedTrainees(context.db, [(await context.db('trainees').where({ name: '导入丁一' }).first<{ id: string; id_number: string; phone: string }>('id', 'id_number', 'phone'))!]);
    expect(await searchIds(context, one!.id_number)).toEqual([one!.id]);
    expect(await searchIds(context, one!.id_number.slice(-6))).toContain(one!.id);
    expect(await searchIds(context, one!.phone)).toEqual([one!.id]);
    expect(await searchIds(context, validIdNumber('19770707', 72))).toEqual([edited.id]);
    expect(await searchIds(context, validIdNumber('19770707', 71))).toEqual([]);
    expect(await searchIds(context, '13587654321')).toEqual([edited.id]);
  });
});

describe('the data key', () => {
  it('a copied store opens only with its recovery code; a wrong code is refused and nothing changes', async () => {
    const app = await openTempApp();
    dirs.push(app.dir);
    const code = app.context.newRecoveryCode;
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const trainee = await call<{ id: string }>(app.context, 'trainees.create', traineeInput());
    await app.close();
    // Another PC: the same store file, no key file.
    const other = tempDir();
    fs.copyFileSync(databaseFile(app.dir), databaseFile(other));
    const digest = () => createHash('sha256').update(fs.readFileSync(databaseFile(other))).digest('hex');
    const before = digest();

    await expect(openAppContextOn(other)).rejects.toMatchObject({ code: 'NOT_CONFIGURED', message: expect.stringContaining('恢复码') });
    const wrong = code!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(recoverWithCode(other, wrong)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('恢复码不对') });
    await expect(recoverWithCode(other, 'not a code')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(digest()).toBe(before);

    // Typed as a clerk would: lower case, spaces instead of dashes.
    await recoverWithCode(other, code!.toLowerCase().replace(/-/g, ' '));
    const reopened = await openAppContextOn(other);
    try {
      expect(reopened.newRecoveryCode).toBeNull();
      expect(await searchIds(reopened, validIdNumber())).toEqual([trainee.id]);
    } finally {
      await reopened.close();
    }
  });

  it('a new recovery code replaces the old one', async () => {
    const app = await openTempApp();
    dirs.push(app.dir);
    const old = app.context.newRecoveryCode!;
    const renewed = await app.context.renewRecoveryCode();
    await app.close();
    const other = tempDir();
    fs.copyFileSync(databaseFile(app.dir), databaseFile(other));
    await expect(recoverWithCode(other, old)).rejects.toMatchObject({ code: 'VALIDATION' });
    await recoverWithCode(other, renewed);
    await (await openAppContextOn(other)).close();
  });
});

describe('a store written before sealing', () => {
  it('is sealed in place when opened, its clear before-migration copy removed, and still searchable', async () => {
    const dir = tempDir();
    const file = databaseFile(dir);
    const db = openDatabase(file);
    const all = await desktopMigrationSource.getMigrations([]);
    // Every migration before the sealing one (later ones came after it, and an older version never had them).
    const previous: Knex.MigrationSource<string> = { ...desktopMigrationSource, getMigrations: async () => all.filter((name) => name < '20261204220000') };
    await db.migrate.latest({ migrationSource: previous });
    const idNumber = validIdNumber('19550505', 55);
    const now = new Date().toISOString();
    await db('trainees').insert({
      id: '0190a0b0-0000-7000-8000-000000000001', county_code: '230102', id_number: idNumber, id_number_rev: [...idNumber].reverse().join(''),
      name: '旧数据', name_initials: 'jsj', phone: '13655556666', phone_rev: '66665556631', rural_hukou: 1, registered_at: '2020-04-01',
      birth_date: '1955-05-05', sex: 'M', created_at: now, updated_at: now,
    });
    await db('outbox').insert({ op_id: 'op-1', entity: 'trainee', entity_id: 'x', op: 'put', payload: JSON.stringify({ idNumber, phone: '13655556666' }), hlc: '1', created_at: now });
    await db('audit_log').insert({ at: now, entity: 'trainee', entity_id: 'x', action: 'update', changes: JSON.stringify({ phone: ['13655556666', '13655557777'] }) });
    await db.destroy();

    const context = await openAppContextOn(dir);
    try {
      expect(context.newRecoveryCode).not.toBeNull();
      const backups = path.join(dir, 'backups');
      expect(fs.readdirSync(backups).filter((f) => f.startsWith('before-migration-'))).toEqual([]);
      expectNoneIn([idNumber, '13655556666', '13655557777'], storeFiles(dir).map((f) => [path.basename(f), fs.readFileSync(f)] as [string, Buffer]));
      await context.services.settings.init({ countyCode: '230102', operatorName: '张三' });
      await unlockAsLastOperator(context);
      expect(await searchIds(context, idNumber.slice(-6))).toEqual(['0190a0b0-0000-7000-8000-000000000001']);
      const history = await call<Array<{ changes: Array<{ field: string; before: unknown; after: unknown }> }>>(context, 'trainees.history', { id: 'x' }).catch(() => null);
      expect(history).toBeNull(); // 'x' is no trainee: the audit row is only there to be sealed
      const audit = await context.db('audit_log').where({ entity_id: 'x' }).first<{ changes: string }>('changes');
      expect(audit!.changes).not.toContain('13655556666');
      // The chain hashes the sealed values: linked again after the sealing, it holds.
      expect((await verifyLocalAuditChain(context.db)).breakAt).toBeNull();
    } finally {
      await context.close();
    }
  });
});

describe('the sealing migration', () => {
  it('goes down with the store key bound: every value clear again, the reversed search columns rebuilt', async () => {
    const app = await openTempApp();
    dirs.push(app.dir);
    const created = await call<{ id: string }>(app.context, 'trainees.create', traineeInput({ phone: '13612341234' }));
    await call(app.context, 'trainees.update', { id: created.id, patch: { phone: '13643214321' } });
    const db = app.context.db;
    await migrateDownThrough(db, desktopMigrationSource, '20261204220000_personal_data_sealed');
    const row = await db('trainees').where({ id: created.id }).first<Record<string, string>>('id_number', 'id_number_rev', 'phone', 'phone_rev');
    expect(row).toEqual({ id_number: validIdNumber(), id_number_rev: [...validIdNumber()].reverse().join(''), phone: '13643214321', phone_rev: '12341234631' });
    const payloads = await db('outbox').orderBy('seq').pluck<string[]>('payload');
    expect(payloads.map((p) => (JSON.parse(p) as { phone?: string }).phone)).toEqual(['13612341234', '13643214321']);
    const audit = await db('audit_log').where({ action: 'update' }).first<{ changes: string }>('changes');
    expect(JSON.parse(audit!.changes)).toMatchObject({ phone: ['13612341234', '13643214321'] });
    expect(await db.schema.hasTable('data_key_wraps')).toBe(false);
    await db.migrate.latest({ migrationSource: desktopMigrationSource });
  });
});
