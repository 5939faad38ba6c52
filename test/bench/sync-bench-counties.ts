/**
 * 120 counties pushing at once against a server on PostgreSQL: every county a device of its own, each
 * sending its batches in order (trainee registrations and training records, 500 ops a batch) while the
 * others do the same. The bodies are formed and gzipped before the clock starts: what is measured is
 * the server ingesting them (HTTP, gunzip, validation, merge, one transaction per batch). The server runs
 * as deployed, `skills-desk server` in a process of its own with 1 and with 2 workers, and (the old
 * baseline) inside the benchmark's process, where it shared one event loop with the 120 clients.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { uuidV7 } from '../../src-main/core/uuid-v7';
import { demoCategories, demoIdNumber, demoName, demoPhone } from '../../src-main/core/demo/demo-people';
import { SeededRandom } from '../../src-main/core/demo/random';
import { buildServerApp } from '../../src-server/app';
import { migrateServer, openServerDatabase } from '../../src-server/db';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { formatHlc } from '../../src-shared/domain/hlc';
import { HEILONGJIANG_UNITS } from '../../src-shared/domain/units';
import { SYNC_SCHEMA_VERSION, type PushRequest, type SyncOp } from '../../src-shared/sync-protocol';
import { encodePushRequest } from '../../src-shared/sync-wire';
import { benchPostgres } from './bench-postgres';
import { percentile, scaled, timed } from './bench-kit';
import { profiled } from './cpu-profile';
import { loadAverage, postgresCpuSeconds, startBenchServer } from './sync-bench-server';
import knex from 'knex';

const COUNTIES = 120;
const BATCH_OPS = 500;
const PLATFORM_ID = randomUUID();

interface CountyLoad {
  county: string;
  token: string;
  batches: Array<{ key: string; body: Buffer }>;
}

function countyOps(county: string, opCount: number, seed: number): SyncOp[] {
  const random = new SeededRandom(seed);
  const start = Date.parse('2020-04-15T01:00:00Z');
  const ops: SyncOp[] = [];
  const op = (entity: string, entityId: string, payload: Record<string, unknown>): SyncOp => {
    const seq = ops.length + 1;
    return { opId: uuidV7(), seq, entity, entityId, op: 'put', hlc: formatHlc({ wallMs: start + seq, counter: 0 }, `pc${county}`), operatorId: null, createdAt: '2020-04-15T01:00:00.000Z', payload };
  };
  // Each trainee is followed by its training record, so a record never precedes its trainee.
  for (let n = 0; ops.length < opCount; n++) {
    const id = uuidV7();
    const { idNumber } = demoIdNumber(random, county, n);
    ops.push(op('trainee', id, { id, idNumber, name: demoName(random), phone: demoPhone(random), categories: demoCategories(random), ruralHukou: random.chance(0.6), registeredAt: '2020-04-15', platformId: null, note: null }));
    if (ops.length >= opCount) break;
    const recordId = uuidV7();
    ops.push(op('enrolment', recordId, { id: recordId, traineeId: id, platformId: PLATFORM_ID, occupationId: null, courseName: '养老护理员（初级）', startDate: '2020-04-03', endDate: null, hours: 8, signedIn: true, learningRecord: null, testResult: null }));
  }
  return ops;
}

function frozenBatches(ops: SyncOp[]): Array<{ key: string; body: Buffer }> {
  const batches = [];
  for (let start = 0; start < ops.length; start += BATCH_OPS) {
    const slice = ops.slice(start, start + BATCH_OPS);
    const batchId = uuidV7();
    const request: PushRequest = { schemaVersion: SYNC_SCHEMA_VERSION, batchId, deviceId: 'bench', prevSeq: start === 0 ? null : start, firstSeq: slice[0]!.seq, lastSeq: slice[slice.length - 1]!.seq, createdAt: '2020-04-15T01:00:00.000Z', ops: slice };
    batches.push({ key: batchId, body: gzipSync(Buffer.from(JSON.stringify(encodePushRequest(request)))) });
  }
  return batches;
}

/** Sends one county's batches in order; returns each batch's round trip and the county's total, in ms. */
async function pushAll(url: string, load: CountyLoad): Promise<{ batchMs: number[]; totalMs: number }> {
  const batchMs: number[] = [];
  const started = performance.now();
  for (const batch of load.batches) {
    const sent = performance.now();
    const response = await fetch(`${url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${load.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip', 'idempotency-key': batch.key },
      body: new Uint8Array(batch.body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`county ${load.county}: HTTP ${response.status} ${text.slice(0, 200)}`);
    batchMs.push(performance.now() - sent);
  }
  return { batchMs, totalMs: performance.now() - started };
}

interface CountiesRun {
  mode: string;
  ms: number;
  batchMs: number[];
  countyMs: number[];
  logged: number;
  rejected: number;
  serverCpuS: number | null;
  postgresCpuS: number;
  benchCpuS: number;
  load: string;
}

/** Where the server runs: in the benchmark's own process (the old baseline) or as `skills-desk server --workers N`. */
type ServerMode = { kind: 'in-process' } | { kind: 'process'; workers: number };

function modeName(mode: ServerMode): string {
  return mode.kind === 'in-process' ? 'in the bench process (baseline)' : `own process, ${mode.workers} worker${mode.workers > 1 ? 's' : ''}`;
}

/** One run on a fresh database: enrol every county, then all push at once. */
async function runCounties(pgUrl: string, mode: ServerMode, counties: string[], bodies: Array<Array<{ key: string; body: Buffer }>>): Promise<CountiesRun> {
  const admin = knex({ client: 'pg', connection: pgUrl, pool: { min: 0, max: 1 } });
  const name = `sd_bench_${Date.now()}`;
  await admin.raw(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(pgUrl);
  dbUrl.pathname = `/${name}`;
  const db = openServerDatabase(dbUrl.toString());
  try {
    await migrateServer(db);
    const devices = new DeviceRepository(db);
    const loads: CountyLoad[] = [];
    for (const [i, county] of counties.entries()) {
      const enrolled = await devices.enrol((await devices.issueCode(county, null)).code, { deviceId: `bench-${county}`, label: null, ackedSeq: null });
      loads.push({ county, token: enrolled!.token, batches: bodies[i]! });
    }
    let url: string;
    let stop: () => Promise<void>;
    let cpu: () => number | null = () => null;
    if (mode.kind === 'in-process') {
      const app = buildServerApp({ version: 'bench', db, rateLimit: false });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (typeof address !== 'object' || !address) throw new Error('server did not bind');
      url = `http://127.0.0.1:${address.port}`;
      stop = () => app.close();
    } else {
      const server = await startBenchServer(dbUrl.toString(), mode.workers, `counties-${mode.workers}w`);
      url = server.url;
      stop = () => server.stop();
      cpu = () => server.cpuSeconds();
    }
    const cpuBefore = cpu();
    const pgBefore = postgresCpuSeconds();
    const benchBefore = process.cpuUsage();
    const label = mode.kind === 'in-process' ? 'sync-counties-in-process' : `sync-counties-${mode.workers}w`;
    let run;
    let cpuAfter: number | null;
    try {
      run = await timed(() => profiled(label, () => Promise.all(loads.map((load) => pushAll(url, load)))));
      cpuAfter = cpu(); // while the server's processes still exist
    } finally {
      if (mode.kind === 'process') await stop(); // also when a push failed: never leave the server behind
    }
    const postgresCpuS = postgresCpuSeconds() - pgBefore;
    const benchUsage = process.cpuUsage(benchBefore);
    const load = loadAverage();
    if (mode.kind === 'in-process') await stop();
    const [logged] = await db('op_log').count<Array<{ n: number | string }>>({ n: '*' });
    const [rejected] = await db('op_log').where({ status: 'rejected' }).count<Array<{ n: number | string }>>({ n: '*' });
    return {
      mode: modeName(mode),
      ms: run.ms,
      batchMs: run.value.flatMap((c) => c.batchMs),
      countyMs: run.value.map((c) => c.totalMs),
      logged: Number(logged?.n ?? 0),
      rejected: Number(rejected?.n ?? 0),
      serverCpuS: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      postgresCpuS,
      benchCpuS: (benchUsage.user + benchUsage.system) / 1e6,
      load,
    };
  } finally {
    await db.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.destroy();
  }
}

/** BENCH_COUNTIES_MODES=in-process,1,2 (the default) picks the set-ups, run one after the other. */
function modes(): ServerMode[] {
  const list = (process.env.BENCH_COUNTIES_MODES ?? 'in-process,1,2').split(',').map((m) => m.trim());
  return list.map((m) => (m === 'in-process' ? { kind: 'in-process' } : { kind: 'process', workers: Math.max(1, Number(m) || 1) }));
}

export async function runCountiesBench(): Promise<void> {
  const title = `${COUNTIES} counties pushing at once → server on PostgreSQL`;
  const pg = await benchPostgres();
  if ('skipped' in pg) {
    console.log(`\n## ${title}\nskipped: no PostgreSQL (${pg.skipped})`);
    return;
  }
  try {
    const counties = HEILONGJIANG_UNITS.filter((u) => u.level === 'county').slice(0, COUNTIES).map((u) => u.code);
    const perCounty = Math.ceil(scaled(240_000) / counties.length);
    // The same frozen bodies for every set-up (each run gets a fresh database).
    const bodies = counties.map((county, i) => frozenBatches(countyOps(county, perCounty, 1000 + i)));
    const total = perCounty * counties.length;
    const runs: CountiesRun[] = [];
    for (const mode of modes()) runs.push(await runCounties(pg.url, mode, counties, bodies));
    console.log(`\n## ${title}: ${counties.length} counties (devices), ${total} ops (trainees + training records), ${bodies.reduce((sum, b) => sum + b.length, 0)} batches of ${BATCH_OPS}; ${os.availableParallelism()} cores`);
    console.table(
      runs.map((r) => ({
        server: r.mode,
        'wall s': (r.ms / 1000).toFixed(2),
        'ops/s ingested (target 20,000+)': Math.round((total / r.ms) * 1000),
        'CPU s, server / PostgreSQL / clients (µs/op)': [r.serverCpuS, r.postgresCpuS, r.benchCpuS].map((s) => (s === null ? 'in clients' : `${s.toFixed(1)} (${((s * 1e6) / total).toFixed(0)})`)).join(' / '),
        'batch p50 / p95 / max, ms': [50, 95, 100].map((p) => Math.round(percentile(r.batchMs, p))).join(' / '),
        'county p50 / max, s': [50, 100].map((p) => (percentile(r.countyMs, p) / 1000).toFixed(2)).join(' / '),
        'logged / rejected': `${r.logged} / ${r.rejected}`,
        'load avg after': r.load,
      })),
    );
  } finally {
    await pg.stop();
  }
}
