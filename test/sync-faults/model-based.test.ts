/**
 * Model-based (fast-check): three PCs (two of one county, one of another) each behind its own TCP proxy,
 * random commands: register, edit and delete trainees, sync, sync with the answer lost, a crash after
 * the server's success before the local commit, and a restart of the PC's store. The model is what each
 * PC holds; after the link heals and every PC syncs, the server holds exactly the union of its
 * county's PCs (same ids, ID numbers, names, deletions), logged each op once, and no outbox is left.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { AppContext } from '../../src-main/core/app-context';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import { createTestServerDb, describeEachServerDb } from '../support/server-db';
import { runSync, type SyncRunOptions } from '../../src-main/core/sync/sync-engine';
import { count, enrolledPc, FAST_RETRY, nthIdNumber, nthName, startTestServer } from '../support/sync-harness';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { openAppContextOn, traineeInput } from '../support/temp-app';

const COUNTIES = ['230102', '230102', '230103'] as const;
const MAX_HEAL_PRESSES = 5;

type Command =
  | { kind: 'create'; pc: number }
  | { kind: 'update'; pc: number; pick: number; name: number }
  | { kind: 'delete'; pc: number; pick: number }
  | { kind: 'sync'; pc: number }
  | { kind: 'syncAnswerLost'; pc: number }
  | { kind: 'crashBeforeLocalCommit'; pc: number }
  | { kind: 'restart'; pc: number };

const pcIndex = fc.integer({ min: 0, max: COUNTIES.length - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), pc: pcIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), pc: pcIndex, pick: fc.nat(), name: fc.nat({ max: 999 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pc: pcIndex, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), pc: pcIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('syncAnswerLost' as const), pc: pcIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crashBeforeLocalCommit' as const), pc: pcIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), pc: pcIndex }) },
);

interface SimPc {
  county: string;
  dir: string;
  context: AppContext;
  proxy: TcpProxy;
  /** The model: this PC's trainees (id → name, or null once deleted). */
  trainees: Map<string, string | null>;
  /** Changes made (each is one op in the outbox). */
  changes: number;
}

const crash = new Error('simulated crash before the local commit');

function syncPc(pc: SimPc, options: SyncRunOptions = {}) {
  return runSync(pc.context.db, { retry: FAST_RETRY, timeoutMs: 10_000, ...options });
}

async function run(pc: SimPc, cmd: Command, nextNumber: () => number): Promise<void> {
  const live = [...pc.trainees].filter(([, name]) => name !== null).map(([id]) => id);
  switch (cmd.kind) {
    case 'create': {
      const n = nextNumber();
      const created = await pc.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: nthIdNumber(n, pc.county), name: nthName(n % 1000) })));
      pc.trainees.set(created.id, created.name);
      pc.changes++;
      return;
    }
    case 'update': {
      if (live.length === 0) return;
      const id = live[cmd.pick % live.length]!;
      const updated = await pc.context.services.trainees.update({ id, patch: { name: nthName(cmd.name) } });
      pc.trainees.set(id, updated.name);
      pc.changes++;
      return;
    }
    case 'delete': {
      if (live.length === 0) return;
      const id = live[cmd.pick % live.length]!;
      await pc.context.services.trainees.delete(id, '重复登记');
      pc.trainees.set(id, null);
      pc.changes++;
      return;
    }
    case 'sync':
      expect((await syncPc(pc)).outcome).toBe('done');
      return;
    case 'syncAnswerLost':
      pc.proxy.dropAnswers = 1;
      await syncPc(pc);
      pc.proxy.dropAnswers = 0;
      return;
    case 'crashBeforeLocalCommit':
      await syncPc(pc, { beforeCommit: () => Promise.reject(crash) }).catch((error: unknown) => {
        if (error !== crash) throw error;
      });
      return;
    case 'restart':
      await pc.context.close();
      pc.context = await openAppContextOn(pc.dir);
      return;
  }
}

describeEachServerDb('model-based: three PCs, random edits, syncs, drops and restarts', (kind) => {
  it('converges with nothing lost and nothing duplicated', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 25 }), async (commands) => {
        const store = await createTestServerDb(kind);
        const server = await startTestServer(store.db);
        const pcs: SimPc[] = [];
        try {
          for (const county of COUNTIES) {
            const proxy = await startTcpProxy(Number(new URL(server.url).port));
            const app = await enrolledPc(store.db, proxy.url, county);
            pcs.push({ county, dir: app.dir, context: app.context, proxy, trainees: new Map(), changes: 0 });
          }
          let numbers = 0;
          for (const cmd of commands) await run(pcs[cmd.pc]!, cmd, () => numbers++);

          // The link heals: each PC presses 同步 until a run completes (bounded).
          for (const pc of pcs) {
            let outcome = '';
            for (let press = 0; press < MAX_HEAL_PRESSES && outcome !== 'done'; press++) outcome = (await syncPc(pc)).outcome;
            expect(outcome).toBe('done');
            expect(await count(pc.context.db, 'outbox'), 'outbox empty').toBe(0);
          }
          for (const county of new Set(COUNTIES)) {
            const expected = new Map<string, string | null>();
            for (const pc of pcs.filter((p) => p.county === county)) for (const [id, name] of pc.trainees) expected.set(id, name);
            const rows = await store.db('trainees').where({ county_code: county }).select<Array<{ id: string; name: string; deleted_at: string | null }>>('id', 'name', 'deleted_at');
            const onServer = new Map(rows.map((r) => [r.id, r.deleted_at === null ? r.name : null]));
            expect(onServer, `county ${county}`).toEqual(expected);
            const [dups] = await store.db('trainees').where({ county_code: county }).whereNull('deleted_at').groupBy('id_number_digest').havingRaw('count(*) > 1').count<Array<{ n: number }>>({ n: '*' });
            expect(dups, 'no ID number twice in the county').toBeUndefined();
          }
          // Each change once: the server logged exactly as many ops as the PCs made changes, none rejected.
          const changes = pcs.reduce((sum, pc) => sum + pc.changes, 0);
          expect(await count(store.db, 'op_log'), 'every op logged once').toBe(changes);
          expect(await count(store.db, 'op_log', { status: 'rejected' })).toBe(0);
        } finally {
          for (const pc of pcs) {
            await pc.context.close();
            await pc.proxy.close();
            fs.rmSync(pc.dir, { recursive: true, force: true });
          }
          await server.close();
          await store.dispose();
        }
      }),
      { numRuns: 12, seed: 20200415, endOnFailure: true },
    );
  });
});
