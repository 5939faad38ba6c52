/**
 * `skills-desk server-admin import-batches FILE [--receipt OUT]` as the province's operator runs it (issue #16):
 * the built CLI against a SQLite server store whose key folder the PC's key came from. A county's carried file
 * is applied and its signed receipt written to OUT (which clears the PC's outbox); the same file again exits 1
 * as a replay and writes the same receipt; a tampered file exits 1 with nothing written and no receipt.
 * Needs `npm run build` (bin/skills-desk.js runs dist/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportUnsent } from '../../src-main/core/sync/export-unsent';
import { importReceipt } from '../../src-main/core/sync/import-receipt';
import { migrateServer, openServerDatabase } from '../../src-server/db';
import { keyFolderFor, ProvinceKeyring } from '../../src-server/keys/province-keyring';
import { count, enrolledPc, outboxSize, registerTrainees, startTestServer } from '../support/sync-harness';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-carried-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function serverAdmin(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/skills-desk.js'), 'server-admin', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, SKILLS_DESK_SECRETS_DIR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('server-admin import-batches --receipt', () => {
  it('applies a carried file and writes its receipt to OUT; a replay exits 1 with the same receipt; a tampered file writes nothing', async () => {
    const dbFile = path.join(dir, 'server.sqlite');
    const db = openServerDatabase(dbFile);
    await migrateServer(db);
    // The keys the CLI finds for this store (secrets/ beside the SQLite file): the PC is given their public half.
    const keys = ProvinceKeyring.open(keyFolderFor(dbFile, {}), { create: true });
    const server = await startTestServer(db, { keys });
    const pc = await enrolledPc(db, server.url, '230102');
    try {
      await registerTrainees(pc, 5);
      const ops = await outboxSize(pc);
      const file = await exportUnsent(pc.context.db);
      expect(file.format).toBe(2);
      const carried = path.join(dir, '道里区未上报数据.sdcarry');
      fs.writeFileSync(carried, file.bytes);
      const opLogBefore = await count(db, 'op_log');

      const tampered = path.join(dir, 'tampered.sdcarry');
      const bytes = Buffer.from(file.bytes);
      bytes[bytes.length - 100]! ^= 1;
      fs.writeFileSync(tampered, bytes);
      const refused = serverAdmin('import-batches', tampered, '--db', dbFile, '--receipt', path.join(dir, 'never.sdreceipt'));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/BAD_SIGNATURE/);
      expect(fs.existsSync(path.join(dir, 'never.sdreceipt'))).toBe(false);
      expect(await count(db, 'op_log')).toBe(opLogBefore);

      const out = path.join(dir, 'out', '回执.sdreceipt');
      fs.mkdirSync(path.dirname(out));
      const imported = serverAdmin('import-batches', carried, '--db', dbFile, '--receipt', out);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain(`${file.batches} batch(es): ${ops} applied`);
      expect(imported.stdout).toContain(`Receipt for the county: ${out}`);
      expect(await count(db, 'op_log')).toBe(opLogBefore + ops);

      const again = path.join(dir, 'again.sdreceipt');
      const replay = serverAdmin('import-batches', carried, '--db', dbFile, '--receipt', again);
      expect(replay.code).toBe(1);
      expect(replay.stderr).toMatch(/REPLAY/);
      expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
      expect(await count(db, 'op_log')).toBe(opLogBefore + ops);

      // The receipt the CLI wrote clears the PC's outbox.
      expect(await importReceipt(pc.context.db, fs.readFileSync(out))).toMatchObject({ confirmed: file.batches, ops });
      expect(await outboxSize(pc)).toBe(0);
    } finally {
      await pc.dispose();
      await server.close();
      await db.destroy();
    }
  });
});
