/** A provincial server on loopback and county PCs enrolled to it, for sync tests. */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { buildServerApp, type ServerOptions } from '../../src-server/app';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { enrolDevice } from '../../src-main/core/sync/enrol';
import { runSync, type SyncReport, type SyncRunOptions } from '../../src-main/core/sync/sync-engine';
import { enrolmentCreateInput } from '../../src-shared/schemas/enrolment';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import { openTempApp, type TempApp, traineeInput, unlockAsLastOperator, validIdNumber } from './temp-app';

export interface TestServer {
  app: FastifyInstance;
  db: Knex;
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(db: Knex, options: Partial<Omit<ServerOptions, 'db'>> = {}): Promise<TestServer> {
  const app = buildServerApp({ version: 'test', rateLimit: false, ...options, db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('server did not bind');
  return { app, db, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export async function issueCode(db: Knex, county: string): Promise<string> {
  return (await new DeviceRepository(db).issueCode(county, null)).code;
}

/** A device of `county` enrolled in the server store directly (no PC, no HTTP): its id, token and county. */
export async function enrolDeviceInStore(db: Knex, county: string, deviceId: string): Promise<{ deviceId: string; token: string; countyCode: string }> {
  const enrolled = await new DeviceRepository(db).enrol(await issueCode(db, county), { deviceId, label: null, ackedSeq: null });
  if (!enrolled) throw new Error(`a fresh enrolment code of ${county} was refused`);
  return enrolled;
}

/** The token of a device enrolled as `enrolDeviceInStore` does, for tests that push by hand. */
export async function deviceToken(db: Knex, county: string, deviceId: string): Promise<string> {
  return (await enrolDeviceInStore(db, county, deviceId)).token;
}

/** A county PC with a fresh store, set up for `county` and enrolled to the server at `url`. */
export async function enrolledPc(serverDb: Knex, url: string, county = '230102'): Promise<TempApp> {
  const pc = await openTempApp({ init: false });
  await pc.context.services.settings.init({ countyCode: county, operatorName: '张三' });
  await unlockAsLastOperator(pc.context);
  await enrolDevice(pc.context.db, { serverUrl: url, code: await issueCode(serverDb, county) });
  return pc;
}

/**
 * The same enrolment without a running server (for tests that start the server later): the code is
 * exchanged in the server store directly and the PC's settings written as enrolDevice writes them.
 */
export async function enrolledPcOffline(serverDb: Knex, url: string, county = '230102'): Promise<TempApp> {
  const pc = await openTempApp({ init: false });
  await pc.context.services.settings.init({ countyCode: county, operatorName: '张三' });
  await unlockAsLastOperator(pc.context);
  const settings = new SettingsRepository(pc.context.db);
  // The PC's own id, as enrolDevice sends it: the server names the PC's audit chain by it.
  const enrolled = await enrolDeviceInStore(serverDb, county, (await settings.get<string>('deviceId'))!);
  await settings.set('serverUrl', url);
  await settings.set('deviceToken', enrolled.token);
  await settings.set('serverDeviceId', enrolled.deviceId);
  return pc;
}

/** Retries that take milliseconds, not minutes: the policy is the product's, only the delays shrink. */
export const FAST_RETRY: SyncRunOptions['retry'] = { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 4 };

export function sync(pc: TempApp, options: SyncRunOptions = {}): Promise<SyncReport> {
  return runSync(pc.context.db, { retry: FAST_RETRY, timeoutMs: 10_000, ...options });
}

/** An ID number unique for `n` (up to 40,000 per region): the sequence and the birth year vary. */
export function nthIdNumber(n: number, region = '230102'): string {
  return validIdNumber(`19${String(60 + Math.floor(n / 1000)).padStart(2, '0')}0101`, n % 1000, region);
}

const NAME_CHARS = '甲乙丙丁戊己庚辛壬癸';

/** A name without digits (the name rule refuses them), distinct for the first thousand. */
export function nthName(n: number): string {
  return `学员${NAME_CHARS[Math.floor(n / 100) % 10]}${NAME_CHARS[Math.floor(n / 10) % 10]}${NAME_CHARS[n % 10]}`;
}

/** Registers `count` trainees (ID numbers unique per `offset`) and one training record each, through the services. */
export async function registerTrainees(pc: TempApp, count: number, options: { region?: string; offset?: number } = {}): Promise<string[]> {
  const platformId = (await pc.context.services.platforms.list())[0]!.id;
  const inputs = Array.from({ length: count }, (_, i) =>
    traineeCreateInput.parse(traineeInput({ idNumber: nthIdNumber((options.offset ?? 0) + i, options.region), name: nthName(i), platformId })),
  );
  const ids = await pc.context.services.trainees.createMany(inputs);
  await pc.context.services.enrolments.createMany(
    ids.map((traineeId) => enrolmentCreateInput.parse({ traineeId, platformId, courseName: '养老护理', startDate: '2020-04-03', hours: 8, signedIn: true })),
  );
  return ids;
}

export async function count(db: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const [row] = await db(table).where(where).count<Array<{ n: number | string }>>({ n: '*' });
  return Number(row?.n ?? 0);
}

export async function outboxSize(pc: TempApp): Promise<number> {
  return count(pc.context.db, 'outbox');
}
