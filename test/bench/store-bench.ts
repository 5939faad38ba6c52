/**
 * Issue 2's figures: trainee inserts per second through the service layer (audit and outbox rows
 * included) against a raw knex batch insert of the same rows (the floor), and trainee search
 * latency through the router at 100k and 1M rows.
 */
import { unlockAsLastOperator } from '../support/temp-app';
import fs from 'node:fs';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { insertChunked } from '../../src-main/core/db/chunked-insert';
import { rawTraineeRow } from './raw-rows';
import { demoCategories, demoIdNumber, demoName, demoPhone } from '../../src-main/core/demo/demo-people';
import { SeededRandom } from '../../src-main/core/demo/random';
import { silentLogger } from '../../src-node/logger';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import type { TraineeCreate } from '../../src-main/core/services/trainee-service';
import { percentile, report, scaled, tempDir, timed } from './bench-kit';

const SERVICE_BATCH = 5000;

export function makeInputs(count: number, seed: number, sequenceStart: number, regions = ['230102', '230103', '230104', '230108', '230109']): TraineeCreate[] {
  const random = new SeededRandom(seed);
  const seen = new Set<string>();
  const inputs: TraineeCreate[] = [];
  let sequence = sequenceStart;
  while (inputs.length < count) {
    const region = regions[random.int(0, regions.length - 1)]!;
    const { idNumber } = demoIdNumber(random, region, sequence++);
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    inputs.push({
      idNumber,
      name: demoName(random),
      phone: demoPhone(random),
      categories: demoCategories(random),
      ruralHukou: random.chance(0.6),
      registeredAt: '2020-04-15',
      platformId: null,
      note: null,
    });
  }
  return inputs;
}

async function openStore(label: string): Promise<{ context: AppContext; dir: string }> {
  const dir = tempDir(label);
  const context = await openAppContext({ dataDir: dir, mode: 'web', logger: silentLogger });
  await context.services.settings.init({ countyCode: '230102', operatorName: '基准测试' });
  await unlockAsLastOperator(context);
  return { context, dir };
}

/**
 * The floor: the same trainee rows (same columns) in one transaction, no audit, no outbox, no
 * categories; with knex's own batchInsert, and with the plain multi-row VALUES statements the
 * service itself uses (the stricter floor).
 */
async function rawInsert(context: AppContext, inputs: TraineeCreate[], how: 'knex' | 'values'): Promise<void> {
  const now = new Date().toISOString();
  const rows = inputs.map((input) => rawTraineeRow({ idNumber: input.idNumber, name: input.name, phone: input.phone, ruralHukou: input.ruralHukou === true, registeredAt: input.registeredAt }, now));
  if (how === 'knex') await context.db.batchInsert('trainees', rows, 400);
  else await context.db.transaction((trx) => insertChunked(trx, 'trainees', rows));
}

async function serviceInsert(context: AppContext, inputs: TraineeCreate[]): Promise<void> {
  for (let start = 0; start < inputs.length; start += SERVICE_BATCH) {
    await context.services.trainees.createMany(inputs.slice(start, start + SERVICE_BATCH));
  }
}

export async function searchLatencies(context: AppContext, inputs: TraineeCreate[], label: string): Promise<Array<Record<string, string | number>>> {
  const random = new SeededRandom(99);
  const kinds: Array<[string, (t: TraineeCreate) => string]> = [
    ['full ID number', (t) => t.idNumber],
    ['last 6 of ID', (t) => t.idNumber.slice(-6)],
    ['whole phone', (t) => t.phone],
    ['name (full)', (t) => t.name],
    ['surname + 1st char', (t) => t.name.slice(0, 2)],
  ];
  const rows = [];
  for (const [kind, query] of kinds) {
    const samples: number[] = [];
    for (let i = 0; i < 220; i++) {
      const target = inputs[random.int(0, inputs.length - 1)]!;
      const { ms, value } = await timed(() => context.invoke('trainees.list', { query: query(target), pageSize: 50 }));
      if (!value.ok) throw new Error(`search failed: ${value.error.code}`);
      if (i >= 20) samples.push(ms); // the first queries warm the page cache
    }
    rows.push({ rows: label, search: kind, 'p50 ms': percentile(samples, 50).toFixed(2), 'p95 ms': percentile(samples, 95).toFixed(2) });
  }
  return rows;
}

export async function runStoreBench(): Promise<void> {
  const insertCount = scaled(100_000);
  const bigCount = scaled(1_000_000);
  console.log(`Generating ${bigCount} trainees...`);
  const inputs = makeInputs(bigCount, 42, 0);
  const first = inputs.slice(0, insertCount);

  // Validation cost on its own: what the router adds to each create before the service runs.
  const parse = await timed(async () => first.slice(0, 20_000).forEach((i) => traineeCreateInput.parse(i)));

  const floorOf = async (how: 'knex' | 'values') => {
    const floorStore = await openStore(`floor-${how}`);
    const result = await timed(() => rawInsert(floorStore.context, first, how));
    await floorStore.context.close();
    fs.rmSync(floorStore.dir, { recursive: true, force: true });
    return result;
  };
  const floor = await floorOf('knex');
  const valuesFloor = await floorOf('values');

  const store = await openStore('service');
  const service = await timed(() => serviceInsert(store.context, first));
  const perSecond = (ms: number) => Math.round((insertCount / ms) * 1000);
  const single = await timed(async () => {
    for (const input of makeInputs(200, 7, 900_000, ['230110'])) await store.context.services.trainees.create(input);
  });
  report(`Trainee inserts, ${insertCount} rows`, [
    { path: 'raw knex batchInsert, trainee rows only (floor)', ms: Math.round(floor.ms), 'rows/s': perSecond(floor.ms), 'x floor': '1.00' },
    { path: 'raw multi-row VALUES, trainee rows only (strict floor)', ms: Math.round(valuesFloor.ms), 'rows/s': perSecond(valuesFloor.ms), 'x floor': (valuesFloor.ms / floor.ms).toFixed(2) },
    { path: `service createMany (audit + outbox + categories, batches of ${SERVICE_BATCH})`, ms: Math.round(service.ms), 'rows/s': perSecond(service.ms), 'x floor': (service.ms / floor.ms).toFixed(2) },
    { path: 'zod validation of the input alone', ms: Math.round((parse.ms * insertCount) / 20_000), 'rows/s': Math.round((20_000 / parse.ms) * 1000), 'x floor': '-' },
    { path: 'service create, one trainee per transaction (fsync each)', ms: Math.round(single.ms / 200), 'rows/s': Math.round((200 / single.ms) * 1000), 'x floor': 'ms per save' },
  ]);

  const small = await searchLatencies(store.context, first, `${insertCount}`);
  const fill = await timed(() => serviceInsert(store.context, inputs.slice(insertCount)));
  console.log(`(filled to ${bigCount} rows through the service in ${(fill.ms / 1000).toFixed(1)} s)`);
  const large = await searchLatencies(store.context, inputs, `${bigCount}`);
  report('Trainee search through the router (trainees.list, page of 50, with total)', [...small, ...large]);
  await store.context.close();
  fs.rmSync(store.dir, { recursive: true, force: true });
}
