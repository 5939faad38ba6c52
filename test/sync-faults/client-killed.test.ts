/**
 * The PC's own process killed (SIGKILL, as a power cut or the task manager does) while it writes:
 * in the middle of a big import, and at every stage of a sync (while a batch is on the wire, right
 * after the server's success answer, while pulled pages are stored). Each time the store reopens
 * with all of an import or none of it, and the next sync delivers everything exactly once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { publishItems } from '../../src-server/admin';
import { csvBytes } from '../db/import-fixtures';
import { expectConverged } from '../support/convergence';
import { describeEachServer } from '../support/fixtures';
import { count, nthIdNumber, nthName, registerTrainees, sync } from '../support/sync-harness';
import { REPO_ROOT } from '../support/web-host-process';

const CLI = path.join(REPO_ROOT, 'bin', 'skills-desk.js');
const IMPORT_ROWS = 6000;

/** Runs the CLI on the PC's folder and kills it hard when `killWhen` first matches its stderr, or after `killAfterMs`. */
function runThenKill(args: string[], kill: { killWhen?: RegExp; killAfterMs?: number }): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    const killNow = () => {
      if (child.exitCode === null && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    const timer = kill.killAfterMs === undefined ? undefined : setTimeout(killNow, kill.killAfterMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (kill.killWhen?.test(stderr)) killNow();
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve({ killed, stderr });
    });
  });
}

describeEachServer('a PC killed while it writes', (test) => {
  test('keeps all of an import or none of it, at any moment of the kill', { timeout: 240_000 }, async ({ store, pc }) => {
    await registerTrainees(pc, 20);
    const file = path.join(pc.dir, '名单.csv');
    const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => [nthName(i % 1000), nthIdNumber(1000 + i), '13800138000', '失业人员', '农村', '2020-04-01']);
    fs.writeFileSync(file, csvBytes({ header: ['姓名', '身份证号', '手机号', '人员类别', '户籍', '注册日期'], rows }, 'utf-8'));
    const before = await count(pc.context.db, 'trainees');
    const outboxBefore = await count(pc.context.db, 'outbox');
    await pc.close();

    const outcomes: string[] = [];
    let imported = false;
    let killedWhileWriting = false;
    // While reading, as the writing starts, and between written chunks (the CLI prints each stage).
    for (const killWhen of [/reading rows/, /writing \d+ rows/, /written \d+\/\d+/]) {
      const run = await runThenKill(['import', 'trainees', file, '--data', pc.dir], { killWhen });
      await pc.reopen();
      const trainees = await count(pc.context.db, 'trainees');
      const outbox = await count(pc.context.db, 'outbox');
      // All or nothing: the rows and their outbox entries arrive together.
      expect([before, before + IMPORT_ROWS]).toContain(trainees);
      expect(outbox - outboxBefore).toBe(trainees - before);
      imported = trainees > before;
      if (run.killed && /writ/.test(killWhen.source) && !imported) killedWhileWriting = true;
      outcomes.push(`${killWhen.source}: ${run.killed ? 'killed' : 'finished'}, ${imported ? 'all' : 'none'} kept`);
      if (imported) break;
      await pc.close();
    }
    if (!imported) {
      // Every kill came before the commit; the import, run to its end, still works after them.
      await runThenKill(['import', 'trainees', file, '--data', pc.dir], {});
      await pc.reopen();
    }
    expect(await count(pc.context.db, 'trainees'), outcomes.join('; ')).toBe(before + IMPORT_ROWS);
    // At least one kill landed inside the write transaction (after rows were written, before the commit).
    expect(killedWhileWriting, outcomes.join('; ')).toBe(true);
    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    await expectConverged(pc, store.db, '230102');
  });

  test('delivers everything once after kills on the wire, right after the success answer, and while pulling', { timeout: 240_000 }, async ({ store, pc }) => {
    await registerTrainees(pc, 3000, { offset: 20_000 });
    // Three pages of the province's directory wait to come down.
    await publishItems(store.db, 'platforms', null, Array.from({ length: 1200 }, (_, i) => ({
      id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      payload: { name: `省级平台${i}`, url: null, level: 'province', cityCode: null },
    })));
    const logged = await count(store.db, 'op_log');
    await pc.close();

    // Each run is killed at a later point of the protocol than the one before.
    const stages = [/push batch/, /applied \d+/, /applied[^]*applied/, /pull \w+/, /pull[^]*pull/];
    let kills = 0;
    for (const killWhen of stages) {
      const run = await runThenKill(['sync', '--data', pc.dir], { killWhen });
      if (run.killed) kills++;
      await pc.reopen();
      // Nothing applied twice, whatever the PC remembers of it.
      const [dup] = await store.db('op_log').groupBy('op_id').havingRaw('count(*) > 1').count<Array<{ n: number }>>({ n: '*' });
      expect(dup).toBeUndefined();
      await pc.close();
    }

    // A run may finish between the line that asks for its kill and the kill; most must not.
    expect(kills).toBeGreaterThanOrEqual(stages.length - 1);

    await pc.reopen();
    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    expect(await count(store.db, 'op_log')).toBeGreaterThan(logged);
    // Every platform came down once, through the pages stored before and after the kills.
    expect(await count(pc.context.db, 'platforms', { source: 'province' })).toBe(1200);
    await expectConverged(pc, store.db, '230102');
  });
});
