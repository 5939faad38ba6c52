/**
 * Issue 6's figures. (a) One county PC pushes 100,000 ops (trainees and their training records, written
 * through the services) over loopback to a real server on SQLite, through the real sync engine:
 * seconds, batches, and bytes on the wire per op (the gzip request bodies next to the same ops in the
 * v1 format, the receipts, and every byte both ways including HTTP headers). (b) 120 counties pushing
 * at once against PostgreSQL (sync-bench-counties.ts). BENCH_CPU_PROFILE=DIR writes a CPU profile of
 * each measured phase (cpu-profile.ts).
 * Targets (< 20 s, <= 40 bytes/op, 20,000+ ops/s) are read from the output, never asserted.
 */
import fs from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { demoCategories, demoIdNumber, demoName, demoPhone } from '../../src-main/core/demo/demo-people';
import { SeededRandom } from '../../src-main/core/demo/random';
import { silentLogger } from '../../src-main/core/logger';
import { enrolDevice } from '../../src-main/core/sync/enrol';
import { runSync } from '../../src-main/core/sync/sync-engine';
import type { TraineeCreate } from '../../src-main/core/services/trainee-service';
import { buildServerApp } from '../../src-server/app';
import { migrateServer, openServerDatabase } from '../../src-server/db';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { enrolmentCreateInput } from '../../src-shared/schemas/enrolment';
import { readPushBody } from '../../src-shared/sync-wire';
import { report, scaled, tempDir, timed } from './bench-kit';
import { profiled } from './cpu-profile';
import { runCountiesBench } from './sync-bench-counties';

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

export async function pushBench(): Promise<void> {
  const ops = scaled(100_000);
  const dir = tempDir('sync');
  const serverDb = openServerDatabase(path.join(dir, 'server.sqlite'));
  await migrateServer(serverDb);
  const app = buildServerApp({ version: 'bench', db: serverDb, rateLimit: false });
  // Wire bytes both ways as the server's sockets count them (headers and pulls included), the gzip
  // request bodies and the receipts alone, and the parsed bodies, re-encoded afterwards as the v1
  // format (an array of op objects, gzip default level) for the baseline.
  let socketBytesIn = 0;
  let socketBytesOut = 0;
  let bodyBytes = 0;
  let receiptBytes = 0;
  let requests = 0;
  const bodies: unknown[] = [];
  app.server.on('connection', (socket: Socket) =>
    socket.once('close', () => {
      socketBytesIn += socket.bytesRead;
      socketBytesOut += socket.bytesWritten;
    }),
  );
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/v1/sync/push')) {
      requests++;
      bodyBytes += Number(request.headers['content-length'] ?? 0);
    }
  });
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/api/v1/sync/push')) bodies.push(request.body);
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.url.startsWith('/api/v1/sync/push') && typeof payload === 'string') receiptBytes += Buffer.byteLength(payload);
    return payload;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('server did not bind');

  const context = await openAppContext({ dataDir: path.join(dir, 'pc'), mode: 'web', logger: silentLogger });
  await context.services.settings.init({ countyCode: '230102', operatorName: '基准测试' });
  const { code } = await new DeviceRepository(serverDb).issueCode('230102', null);
  await enrolDevice(context.db, { serverUrl: `http://127.0.0.1:${address.port}`, code });
  console.log(`Writing ${ops} ops into the PC's outbox through the services...`);
  const fill = await timed(() => fillOutbox(context, ops));
  const [outbox] = await context.db('outbox').count<Array<{ n: number }>>({ n: '*' });
  const queued = Number(outbox?.n ?? 0);

  const run = await timed(() => profiled('sync-push', () => runSync(context.db, { timeoutMs: 120_000 })));
  const result = run.value;
  if (result.outcome !== 'done') throw new Error(`sync did not finish: ${result.outcome} ${result.error?.code ?? ''}`);
  await context.close();
  await app.close(); // closes the sockets, so their byte counts are in
  const v1Bytes = bodies.reduce<number>((sum, body) => {
    const read = readPushBody(body);
    if (!read.ok) throw new Error(`bench body does not decode: ${read.issue}`);
    return sum + gzipSync(JSON.stringify({ ...read.request, schemaVersion: 1 })).length;
  }, 0);
  const [logged] = await serverDb('op_log').count<Array<{ n: number | string }>>({ n: '*' });
  await serverDb.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  report(`Push ${queued} ops, one PC → server on SQLite over loopback (real sync engine)`, [
    { figure: 'ops written to the outbox through the services', value: queued, note: `${(fill.ms / 1000).toFixed(1)} s (not part of the push)` },
    { figure: 'push + pull time, s', value: (run.ms / 1000).toFixed(2), note: 'target < 20 s at full size' },
    { figure: 'ops/s pushed', value: Math.round((queued / run.ms) * 1000), note: '' },
    { figure: 'batches', value: result.pushed.batches, note: `${requests} push requests (retries included)` },
    { figure: 'gzip request body bytes per op', value: (bodyBytes / queued).toFixed(1), note: `target <= 40; baseline (v1 format, same ops): ${(v1Bytes / queued).toFixed(1)}` },
    { figure: 'receipt (response body) bytes per op', value: (receiptBytes / queued).toFixed(2), note: '' },
    { figure: 'all bytes on the wire per op, in / out (headers, pulls)', value: `${(socketBytesIn / queued).toFixed(1)} / ${(socketBytesOut / queued).toFixed(1)}`, note: '' },
    { figure: 'ops the server logged', value: Number(logged?.n ?? 0), note: `applied ${result.pushed.applied}, rejected ${result.pushed.rejected}` },
  ]);
}

export async function runSyncBench(): Promise<void> {
  await pushBench();
  await runCountiesBench();
}
