/** Backup to a file and restore from one: checked first, applied at the next start, nothing lost. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectBackup, PENDING_RESTORE_FILE, stageRestore, writeBackup } from '../../src-main/core/backup/backup-file';
import { openAppContextOn, openTempApp, type TempApp, traineeInput, unlockAsLastOperator, validIdNumber } from '../support/temp-app';

const apps: TempApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (apps.length > 0) await apps.pop()!.dispose();
  while (dirs.length > 0) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-backup-'));
  dirs.push(dir);
  return dir;
}

async function traineeCount(app: TempApp): Promise<number> {
  const rows = await app.context.db('trainees').whereNull('deleted_at').count<{ n: number }[]>({ n: '*' });
  return Number(rows[0]!.n);
}

describe('backup and restore', () => {
  it('writes a backup while the app runs, and restores it at the next start keeping the replaced store', async () => {
    const app = await openTempApp();
    await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 1) }));
    const file = path.join(scratch(), '备份.sqlite');
    expect((await writeBackup(app.context.db, file)).bytes).toBeGreaterThan(0);
    await expect(writeBackup(app.context.db, file)).rejects.toMatchObject({ code: 'CONFLICT' });

    await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 2) }));
    expect(await traineeCount(app)).toBe(2);
    expect(await stageRestore(app.dir, file, '230102')).toMatchObject({ countyCode: '230102', trainees: 1 });
    await app.context.close();

    const reopened = await openAppContextOn(app.dir);
    app.context = reopened;
    apps.push(app);
    expect(await traineeCount(app)).toBe(1);
    expect(fs.existsSync(path.join(app.dir, PENDING_RESTORE_FILE))).toBe(false);
    const kept = fs.readdirSync(path.join(app.dir, 'backups')).filter((f) => f.startsWith('before-restore-') && f.endsWith('.sqlite'));
    expect(kept).toHaveLength(1);
  });

  it('refuses a file that is not a Skills Desk store, one of another county, and a damaged one', async () => {
    const dir = scratch();
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, '这不是数据库');
    await expect(inspectBackup(text, null)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('不是本程序的备份文件') });

    const other = await openTempApp({ init: false });
    apps.push(other);
    await other.context.services.settings.init({ countyCode: '230103', operatorName: '王五' });
    await unlockAsLastOperator(other.context);
    const otherFile = path.join(dir, 'other.sqlite');
    await writeBackup(other.context.db, otherFile);
    await expect(inspectBackup(otherFile, '230102')).rejects.toMatchObject({ message: expect.stringContaining('其他单位') });

    const truncated = path.join(dir, 'truncated.sqlite');
    fs.writeFileSync(truncated, fs.readFileSync(otherFile).subarray(0, 4096));
    await expect(inspectBackup(truncated, null)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(inspectBackup(path.join(dir, 'missing.sqlite'), null)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
