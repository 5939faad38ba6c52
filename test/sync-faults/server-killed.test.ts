/**
 * The server process dies (SIGKILL) just before a batch transaction commits, or just after it committed
 * and before it answered. Either way the PC keeps its outbox, and after the restart the next sync
 * leaves every op on the server exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { expectConverged } from '../support/convergence';
import { PersonalDataCipher } from '../../src-server/secrets/personal-data';
import { loadServerKeyring, secretsDirFor } from '../../src-server/secrets/server-keys';
import { count, enrolledPcOffline, outboxSize, registerTrainees, sync } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

const CHILD = path.join(__dirname, 'fixtures', 'server-child.ts');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Child {
  process: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
}

async function startChild(spec: string, port: number, fault: 'none' | 'before-commit' | 'after-commit'): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, spec, String(port), fault], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', () => reject(new Error('server child exited before listening')));
  });
  return { process: child, exited };
}

describeEachServerDb('server killed around the commit', (kind) => {
  let store: TestServerDb | null = null;
  let pc: TempApp | null = null;
  let child: Child | null = null;

  afterEach(async () => {
    if (child && child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    await pc?.dispose();
    await store?.dispose();
  });

  for (const fault of ['before-commit', 'after-commit'] as const) {
    // Two real server processes per case (tsx start-up is most of the time).
    it(`loses and duplicates nothing when the server dies ${fault.replace('-', ' ')}`, { timeout: 90_000 }, async () => {
      store = await createTestServerDb(kind);
      const port = await freePort();
      pc = await enrolledPcOffline(store.db, `http://127.0.0.1:${port}`, '230102');
      await registerTrainees(pc, 30);
      const ops = await outboxSize(pc);
      child = await startChild(store.spec, port, fault);
      const failed = await sync(pc);
      expect(await child.exited).toBe('SIGKILL');
      expect(failed.outcome).toBe('offline');
      expect(await outboxSize(pc)).toBe(ops);
      expect(await count(pc.context.db, 'sync_batches')).toBe(1);
      expect(await count(store.db, 'op_log')).toBe(fault === 'before-commit' ? 0 : ops);
      expect(await count(store.db, 'trainees')).toBe(fault === 'before-commit' ? 0 : 30);

      child = await startChild(store.spec, port, 'none');
      const report = await sync(pc);
      expect(report.outcome, report.message).toBe('done');
      expect(report.pushed.replayed).toBe(fault === 'after-commit' ? 1 : 0);
      expect(await count(store.db, 'op_log')).toBe(ops);
      // The child server sealed the numbers with the key file it made beside the store.
      await expectConverged(pc, store.db, '230102', new PersonalDataCipher(loadServerKeyring(secretsDirFor(store.spec))));
    });
  }
});
