/**
 * Issue 6's figures. (a) One county PC pushes 100,000 ops (trainees and their training records, written
 * through the services) over loopback to a real server on SQLite, through the real sync engine: seconds
 * with the server as deployed (`skills-desk server` in its own process, sync-bench-server.ts) and, from
 * a copy of the same outbox, with the server inside this process (the old baseline, which also counts
 * the bytes on the wire per op: the gzip request bodies next to the same ops in the v1 format, the
 * receipts, and every byte both ways including HTTP headers). (b) 120 counties pushing
 * at once against PostgreSQL (sync-bench-counties.ts). BENCH_CPU_PROFILE=DIR writes a CPU profile of
 * each measured phase (cpu-profile.ts).
 * Targets (< 20 s, <= 40 bytes/op, 20,000+ ops/s) are read from the output, never asserted.
 */
import { unlockAsLastOperator } from '../support/temp-app';
import fs from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { Knex } from 'knex';
import { gzipSync } from 'node:zlib';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { demoCategories, demoIdNumber, demoName, demoPhone } from '../../src-main/core/demo/demo-people';
import { SeededRandom } from '../../src-main/core/demo/random';
import { silentLogger } from '../../src-node/logger';
import { enrolDevice } from '../../src-main/core/sync/enrol';
import { runSync, type SyncReport } from '../../src-main/core/sync/sync-engine';
import type { TraineeCreate } from '../../src-main/core/services/trainee-service';
import { buildServerApp } from '../../src-server/app';
import { migrateServer, openServerDatabase } from '../../src-server/db';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { enrolmentCreateInput } from '../../src-shared/schemas/enrolment';
import { readPushBody } from '../../src-shared/sync-wire';
import { report, scaled, tempDir, timed } from './bench-kit';
import { profiled } from './cpu-profile';
import { runCountiesBench } from './sync-bench-counties';
import { loadAverage, startBenchServer } from './sync-bench-server';

const WRITE_CHUNK = 5000;

function traineeInputs(count: number, seed: number): TraineeCreate[] {
  const random = new SeededRandom(seed);
  const seen = new Set<string>();
  const inputs: TraineeCreate[] = [];
  // Bounded: a sequence number never repeats, so a repeated ID number is rare; the cap guards anyway.
  for (let sequence = 0; inputs.length < count && sequence < count * 4; sequence++) {
    const { idNumber } = demoIdNumber(random, '230102', sequence);
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    const input = { idNumber, name: demoName(random), phone: demoPhone(random), categories: demoCategories(random), ruralHukou: random.chance(0.6), registeredAt: '2020-04-15', platformId: null, note: null };
    inputs.push(input);
  }
  return inputs;
}

/** Half the ops are trainee registrations, half one training record each (what a county sends). */
export async function fillOutbox(context: AppContext, ops: number): Promise<void> {
  const trainees = traineeInputs(Math.ceil(ops / 2), 6);
  const platformId = (await context.services.platforms.list())[0]!.id;
  let recordsLeft = ops - trainees.length;
  for (let start = 0; start < trainees.length; start += WRITE_CHUNK) {
    const ids = await context.services.trainees.createMany(trainees.slice(start, start + WRITE_CHUNK));
    const take = Math.min(ids.length, recordsLeft);
    recordsLeft -= take;
    const records = ids.slice(0, take).map((traineeId) =>
      enrolmentCreateInput.parse({ traineeId, platformId, courseName: '养老护理员（初级）', startDate: '2020-04-03', hours: 8, signedIn: true }),
    );
    await context.services.enrolments.createMany(records);
  }
}

interface PushRun {
  ms: number;
  batches: number;
  applied: number;
  rejected: number;
  logged: number;
  load: string;
}

async function enrolledCopy(pcDir: string, serverUrl: string, serverDb: Knex): Promise<AppContext> {
  const context = await openAppContext({ dataDir: pcDir, mode: 'web', logger: silentLogger });
  const { code } = await new DeviceRepository(serverDb).issueCode('230102', null);
  await enrolDevice(context.db, { serverUrl, code });
  return context;
}

async function push(context: AppContext, label: string): Promise<{ ms: number; result: SyncReport }> {
  const run = await timed(() => profiled(label, () => runSync(context.db, { timeoutMs: 120_000 })));
  if (run.value.outcome !== 'done') throw new Error(`sync did not finish: ${run.value.outcome} ${run.value.error?.code ?? ''}`);
  return { ms: run.ms, result: run.value };
}

async function loggedOps(serverDb: Knex): Promise<number> {
  const [logged] = await serverDb('op_log').count<Array<{ n: number | string }>>({ n: '*' });
  return Number(logged?.n ?? 0);
}

/** The server as deployed: `skills-desk server` in a process of its own, on a SQLite file (one worker). */
async function pushToServerProcess(pcDir: string, serverFile: string): Promise<PushRun & { serverCpuS: number }> {
  const server = await startBenchServer(serverFile, 1, 'push');
  const serverDb = openServerDatabase(serverFile); // only to issue the enrol code and count afterwards
  try {
    const context = await enrolledCopy(pcDir, server.url, serverDb);
    const cpuBefore = server.cpuSeconds();
    const { ms, result } = await push(context, 'sync-push-process');
    const serverCpuS = server.cpuSeconds() - cpuBefore;
    const load = loadAverage();
    await context.close();
    return { ms, batches: result.pushed.batches, applied: result.pushed.applied, rejected: result.pushed.rejected, logged: await loggedOps(serverDb), load, serverCpuS };
  } finally {
    await server.stop(); // also when the push failed: never leave the server process behind
    await serverDb.destroy();
  }
}

/** The old set-up, kept as the baseline and for the byte counts: the server in the benchmark's own process. */
async function pushInProcess(pcDir: string, serverFile: string): Promise<PushRun & { bytes: { body: number; v1: number; receipt: number; socketIn: number; socketOut: number; requests: number } }> {
  const serverDb = openServerDatabase(serverFile);
  await migrateServer(serverDb);
  const app = buildServerApp({ version: 'bench', db: serverDb, rateLimit: false });
  // Wire bytes both ways as the server's sockets count them (headers and pulls included), the gzip
  // request bodies and the receipts alone, and the parsed bodies, re-encoded afterwards as the v1
  // format (an array of op objects, gzip default level) for the baseline.
  const bytes = { body: 0, v1: 0, receipt: 0, socketIn: 0, socketOut: 0, requests: 0 };
  const bodies: unknown[] = [];
  app.server.on('connection', (socket: Socket) =>
    socket.once('close', () => {
      bytes.socketIn += socket.bytesRead;
      bytes.socketOut += socket.bytesWritten;
    }),
  );
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/v1/sync/push')) {
      bytes.requests++;
      bytes.body += Number(request.headers['content-length'] ?? 0);
    }
  });
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/api/v1/sync/push')) bodies.push(request.body);
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.url.startsWith('/api/v1/sync/push') && typeof payload === 'string') bytes.receipt += Buffer.byteLength(payload);
    return payload;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('server did not bind');
  try {
    const context = await enrolledCopy(pcDir, `http://127.0.0.1:${address.port}`, serverDb);
    const { ms, result } = await push(context, 'sync-push-in-process');
    const load = loadAverage();
    await context.close();
    await app.close(); // closes the sockets, so their byte counts are in
    bytes.v1 = bodies.reduce<number>((sum, body) => {
      const read = readPushBody(body);
      if (!read.ok) throw new Error(`bench body does not decode: ${read.issue}`);
      return sum + gzipSync(JSON.stringify({ ...read.request, schemaVersion: 1 })).length;
    }, 0);
    return { ms, batches: result.pushed.batches, applied: result.pushed.applied, rejected: result.pushed.rejected, logged: await loggedOps(serverDb), load, bytes };
  } finally {
    await serverDb.destroy();
  }
}

export async function pushBench(): Promise<void> {
  const ops = scaled(100_000);
  const dir = tempDir('sync');
  const pcDir = path.join(dir, 'pc');
  const context = await openAppContext({ dataDir: pcDir, mode: 'web', logger: silentLogger });
  await context.services.settings.init({ countyCode: '230102', operatorName: '基准测试' });
  await unlockAsLastOperator(context);
  console.log(`Writing ${ops} ops into the PC's outbox through the services...`);
  const fill = await timed(() => fillOutbox(context, ops));
  const [outbox] = await context.db('outbox').count<Array<{ n: number }>>({ n: '*' });
  const queued = Number(outbox?.n ?? 0);
  await context.close();
  // The same full outbox for both set-ups: each copy enrols with its own server.
  fs.cpSync(pcDir, path.join(dir, 'pc-copy'), { recursive: true });

  const separate = await pushToServerProcess(pcDir, path.join(dir, 'server-process.sqlite'));
  const inProcess = await pushInProcess(path.join(dir, 'pc-copy'), path.join(dir, 'server-in-process.sqlite'));
  fs.rmSync(dir, { recursive: true, force: true });
  const { bytes } = inProcess;
  const perOp = (n: number) => (n / queued).toFixed(1);
  report(`Push ${queued} ops, one PC → server on SQLite over loopback (real sync engine)`, [
    { figure: 'ops written to the outbox through the services', value: queued, note: `${(fill.ms / 1000).toFixed(1)} s (not part of the push)` },
    { figure: 'push + pull time, s: server in its own process (as deployed)', value: (separate.ms / 1000).toFixed(2), note: `target < 20 s at full size; load average after: ${separate.load}` },
    { figure: 'ops/s pushed: server in its own process', value: Math.round((queued / separate.ms) * 1000), note: `server CPU ${separate.serverCpuS.toFixed(1)} s (${((separate.serverCpuS * 1e6) / queued).toFixed(0)} µs/op)` },
    { figure: 'push + pull time, s: server in the bench process (baseline)', value: (inProcess.ms / 1000).toFixed(2), note: `load average after: ${inProcess.load}` },
    { figure: 'ops/s pushed: server in the bench process', value: Math.round((queued / inProcess.ms) * 1000), note: '' },
    { figure: 'batches (own process / in process)', value: `${separate.batches} / ${inProcess.batches}`, note: `${bytes.requests} push requests in process (retries included)` },
    { figure: 'gzip request body bytes per op', value: perOp(bytes.body), note: `target <= 40; baseline (v1 format, same ops): ${perOp(bytes.v1)}` },
    { figure: 'receipt (response body) bytes per op', value: (bytes.receipt / queued).toFixed(2), note: '' },
    { figure: 'all bytes on the wire per op, in / out (headers, pulls)', value: `${perOp(bytes.socketIn)} / ${perOp(bytes.socketOut)}`, note: '' },
    { figure: 'ops the server logged (own process / in process)', value: `${separate.logged} / ${inProcess.logged}`, note: `applied ${separate.applied} / ${inProcess.applied}, rejected ${separate.rejected} / ${inProcess.rejected}` },
  ]);
}

export async function runSyncBench(): Promise<void> {
  await pushBench();
  await runCountiesBench();
}
