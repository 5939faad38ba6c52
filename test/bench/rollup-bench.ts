/**
 * Issue 8's figure: the province roll-up of one period from every county (121 in the units list) and
 * 1,000,000 trainees, under 1 s on PostgreSQL. Also the city roll-up, the .xlsx, the completeness
 * board, progress and the duplicate registrations, each through the staff routes the web UI calls
 * (app.inject with a logged-in session), the first run and p50/p95 of ten more, printed next to
 * two baselines from the same run: a plain `count(*)` of the trainees table and the plain per-county
 * aggregation SQL (the join the computed figures stand for).
 *
 * The province is loaded straight into the server tables (rollup-province.ts), then VACUUM ANALYZE
 * runs, the state autovacuum brings a table to after a bulk load. The service's computed figures are
 * checked against the plain SQL and against the generator's own tally.
 *
 *   npx tsx test/bench/rollup-bench.ts                 full size
 *   BENCH_SCALE=0.1 npx tsx test/bench/rollup-bench.ts  100,000 trainees
 *   ROLLUP_BENCH_DB=name                               keep the loaded database under that name and reuse it
 *   ROLLUP_BENCH_EXPLAIN=1                             print EXPLAIN ANALYZE of every query the province roll-up runs
 */
import type { FastifyInstance } from 'fastify';
import knex, { type Knex } from 'knex';
import { buildServerApp } from '../../src-server/app';
import { migrateServer, openServerDatabase } from '../../src-server/db';
import { AccountService } from '../../src-server/staff/account-service';
import { computedFiguresByCounty } from '../../src-server/staff/computed-figures';
import { countiesOfProvince, HEILONGJIANG_CODE } from '../../src-shared/domain/units';
import { FIGURE_KEYS, type Figures } from '../../src-shared/domain/dispatch-figures';
import { percentile, report, scaled, timed } from './bench-kit';
import { benchPostgres } from './bench-postgres';
import { login as staffLogin } from '../support/staff';
import { BENCH_KEYRING, loadProvince, PERIODS, sumExpected, type LoadedProvince } from './rollup-province';
import { loadLevelData } from './rollup-levels';

const ALL_COUNTIES = countiesOfProvince(HEILONGJIANG_CODE);

const ROUNDS = 10;
const PASSWORD = 'bench-password-42';
/** The sixth of seven periods: most of the campaign's rows are on or before its cutoff. */
const CUTOFF = PERIODS[PERIODS.length - 2]!.cutoffDate;
const CITY = '230100';

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The first run (caches cold for this query) and ROUNDS more. */
async function samples(work: () => Promise<unknown>): Promise<{ first: number; runs: number[] }> {
  const first = (await timed(work)).ms;
  const runs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) runs.push((await timed(work)).ms);
  return { first, runs };
}

/** A row of the table; `base` (the plain SQL's samples) gives the ratio, which moves less with the machine's load. */
function row(what: string, ms: { first: number; runs: number[] }, base: { runs: number[] }, target = '-') {
  const p50 = percentile(ms.runs, 50);
  return { what, 'first ms': round(ms.first), 'p50 ms': round(p50), 'p95 ms': round(percentile(ms.runs, 95)), 'p50 / plain SQL': (p50 / percentile(base.runs, 50)).toFixed(2), target };
}

/** The whole staff login (password, then the TOTP enrolment or a code), as the test support does it. */
function login(app: FastifyInstance, name: string): Promise<string> {
  return staffLogin(app, name, PASSWORD);
}

/** A GET as the UI sends it; anything but 200 stops the benchmark (a fast error is no figure). */
function getter(app: FastifyInstance, token: string) {
  return async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    return response;
  };
}

/** What the computed figures stand for, in the plainest SQL: per county, live trainees and the live records of live trainees by the cutoff. */
async function plainAggregation(db: Knex, cutoff: string): Promise<Map<string, Pick<Figures, 'registeredTrainees' | 'trainingPersonTimes'>>> {
  const registered = await db.raw<{ rows: Array<{ county_code: string; n: string }> }>(
    'SELECT county_code, count(*) AS n FROM trainees WHERE deleted_at IS NULL AND registered_at <= ? GROUP BY county_code',
    [cutoff],
  );
  const training = await db.raw<{ rows: Array<{ county_code: string; n: string }> }>(
    `SELECT e.county_code, count(*) AS n FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
     WHERE e.deleted_at IS NULL AND t.deleted_at IS NULL AND e.start_date <= ? GROUP BY e.county_code`,
    [cutoff],
  );
  const out = new Map(ALL_COUNTIES.map((c) => [c.code, { registeredTrainees: 0, trainingPersonTimes: 0 }]));
  for (const r of registered.rows) out.get(r.county_code)!.registeredTrainees = Number(r.n);
  for (const r of training.rows) out.get(r.county_code)!.trainingPersonTimes = Number(r.n);
  return out;
}

/** The service's computed figures equal the plain SQL, and (after a fresh load) the generator's tally. */
async function checkFigures(db: Knex, loaded: LoadedProvince | null): Promise<string> {
  const codes = ALL_COUNTIES.map((c) => c.code);
  const service = await computedFiguresByCounty(db, CUTOFF, codes);
  const plain = await plainAggregation(db, CUTOFF);
  const problems: string[] = [];
  for (const code of codes) {
    const got = service.get(code)!;
    const sql = plain.get(code)!;
    if (got.registeredTrainees !== sql.registeredTrainees || got.trainingPersonTimes !== sql.trainingPersonTimes) problems.push(`${code} differs from the plain SQL`);
    const tally = loaded?.expected.get(code);
    if (tally && FIGURE_KEYS.some((k) => tally[k] !== got[k])) problems.push(`${code} differs from the generator`);
  }
  return problems.length === 0 ? `yes (${loaded ? 'plain SQL and generator tally' : 'plain SQL'})` : `NO: ${problems.slice(0, 5).join('; ')}`;
}

/** EXPLAIN ANALYZE of every query one province roll-up runs (ROLLUP_BENCH_EXPLAIN=1). */
async function explainRollup(db: Knex, run: () => Promise<unknown>): Promise<void> {
  const queries: Array<{ sql: string; bindings: readonly unknown[] }> = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) => queries.push({ sql: q.sql, bindings: q.bindings ?? [] });
  db.on('query', listener);
  await run();
  db.removeListener('query', listener);
  for (const q of queries.filter((q) => /^\s*select/i.test(q.sql))) {
    // The event carries PostgreSQL's $1, $2 …, in order; knex.raw wants ? placeholders.
    const plan = await db.raw<{ rows: Array<{ 'QUERY PLAN': string }> }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as Knex.RawBinding[]);
    console.log(`\n${q.sql.slice(0, 300)}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
}

export async function runRollupBench(): Promise<void> {
  const traineeCount = scaled(1_000_000);
  const title = `Province roll-up on PostgreSQL: ${traineeCount.toLocaleString('en')} trainees, period ${CUTOFF}`;
  const pg = await benchPostgres();
  if ('skipped' in pg) {
    console.log(`\n## ${title}\nskipped: no PostgreSQL (${pg.skipped})`);
    return;
  }
  const kept = process.env.ROLLUP_BENCH_DB;
  const name = kept ?? `sd_rollup_${Date.now()}`;
  const admin = knex({ client: 'pg', connection: pg.url, pool: { min: 0, max: 1 } });
  const exists = await admin.raw<{ rows: unknown[] }>('SELECT 1 FROM pg_database WHERE datname = ?', [name]);
  if (exists.rows.length === 0) await admin.raw(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(pg.url);
  dbUrl.pathname = `/${name}`;
  const db = openServerDatabase(dbUrl.toString());
  try {
    const migrated = await timed(() => migrateServer(db));
    if (migrated.value.length > 0) console.log(`\nmigrations ${migrated.value.join(', ')}: ${(migrated.ms / 1000).toFixed(1)} s`);
    let loaded: LoadedProvince | null = null;
    const [present] = await db('trainees').count<Array<{ n: string }>>({ n: '*' });
    if (Number(present?.n ?? 0) === 0) {
      const load = await timed(() => loadProvince(db, { trainees: traineeCount, cutoffDate: CUTOFF, seed: 8, now: new Date() }));
      const vacuum = await timed(() => db.raw('VACUUM ANALYZE'));
      loaded = load.value;
      console.log(
        `\nloaded ${loaded.counties} counties, ${loaded.trainees} trainees (${loaded.crossCountyNumbers} numbers also in another county), ${loaded.enrolments} training records, ` +
          `${loaded.opLog} op_log rows in ${(load.ms / 1000).toFixed(1)} s, VACUUM ANALYZE ${(vacuum.ms / 1000).toFixed(1)} s (set-up, not measured)`,
      );
    } else {
      await db.raw('ANALYZE');
      console.log(`\nreusing database ${name} with ${Number(present!.n)} trainees (ROLLUP_BENCH_DB)`);
    }

    const accounts = new AccountService(db);
    for (const [user, role, city] of [['bench-prov', 'province', null], ['bench-harbin', 'city', CITY]] as const) {
      if (!(await db('staff_users').where({ name: user }).first())) await accounts.addUser({ name: user, role, cityCode: city, password: PASSWORD });
    }
    const app = buildServerApp({ version: 'bench', db, rateLimit: false, keyring: BENCH_KEYRING });
    await app.ready();
    const province = getter(app, await login(app, 'bench-prov'));
    const harbin = getter(app, await login(app, 'bench-harbin'));

    if (process.env.ROLLUP_BENCH_EXPLAIN) await explainRollup(db, () => province(`/api/v1/staff/rollup?period=${CUTOFF}`));

    const scan = await samples(() => db.raw('SELECT count(*) FROM trainees'));
    const plain = await samples(() => plainAggregation(db, CUTOFF));
    const routes = async () => ({
      rollup: await samples(() => province(`/api/v1/staff/rollup?period=${CUTOFF}`)),
      city: await samples(() => harbin(`/api/v1/staff/rollup?period=${CUTOFF}`)),
      xlsx: await samples(() => province(`/api/v1/staff/rollup.xlsx?period=${CUTOFF}`)),
      board: await samples(() => province(`/api/v1/staff/board?period=${CUTOFF}`)),
      cityBoard: await samples(() => harbin(`/api/v1/staff/board?period=${CUTOFF}`)),
      progress: await samples(() => province('/api/v1/staff/progress')),
      duplicates: await samples(() => province('/api/v1/staff/duplicates')),
    });
    const without = await routes();
    // Issue #15: the same routes again once a campaign's level data is in (histories, city reports, corrections).
    const levels = await timed(async () => {
      const counts = await loadLevelData(db, CUTOFF);
      await db.raw('ANALYZE');
      return counts;
    });
    const withLevels = await routes();
    const { rollup, city, xlsx, board, progress, duplicates } = withLevels;
    const body = (await province(`/api/v1/staff/rollup?period=${CUTOFF}`)).json() as { data: { rows: Array<{ differs: string[]; reportedCounties: number }>; computedTotal: Figures } };
    const cases = ((await province('/api/v1/staff/duplicates')).json() as { data: { cases: unknown[] } }).data.cases.length;
    const reported = body.data.rows.reduce((n, r) => n + r.reportedCounties, 0);
    const differing = body.data.rows.filter((r) => r.differs.length > 0).length;
    const totalOk = loaded ? FIGURE_KEYS.every((k) => body.data.computedTotal[k] === sumExpected(loaded!.expected, ALL_COUNTIES.map((c) => c.code))[k]) : true;

    report(`${title} (first run, then ${ROUNDS} more; through the staff routes; with level data)`, [
      row('baseline: SELECT count(*) FROM trainees', scan, plain),
      row('baseline: plain per-county aggregation SQL (registered + training join)', plain, plain),
      row('province roll-up, JSON (13 city rows + 合计, computed beside submitted)', rollup, plain, '< 1000'),
      row(`city roll-up, JSON (哈尔滨市, city account)`, city, plain),
      row('province roll-up, .xlsx', xlsx, plain),
      row('completeness board, province (13 city lines + 121 counties)', board, plain),
      row('completeness board, city (哈尔滨市)', withLevels.cityBoard, plain),
      row('progress (series, by city, category, occupation)', progress, plain),
      row('duplicate registrations, province', duplicates, plain),
    ]);
    const ratio = (key: keyof typeof without) => (percentile(withLevels[key].runs, 50) / percentile(without[key].runs, 50)).toFixed(2);
    report(`Level data loaded (${levels.value.events} level_events, ${levels.value.cityReports} city reports, ${levels.value.corrections} correction requests in ${(levels.ms / 1000).toFixed(1)} s) against the run before it`, [
      ...(['rollup', 'city', 'xlsx', 'board', 'cityBoard', 'progress', 'duplicates'] as const).map((key) => ({
        what: key,
        'p50 ms without': round(percentile(without[key].runs, 50)),
        'p50 ms with level data': round(percentile(withLevels[key].runs, 50)),
        'with / without': ratio(key),
        target: '≤ 1.20',
      })),
    ]);
    console.log(
      `counties with a counted report: ${reported}; cities where a submitted figure differs from the records: ${differing}; duplicate cases: ${cases}\n` +
        `computed figures equal the records: ${await checkFigures(db, loaded)}${totalOk ? '' : ' (province computed total differs from the generator!)'}`,
    );
    await app.close();
  } finally {
    await db.destroy();
    if (!kept) await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.destroy();
    await pg.stop();
  }
}

if (process.argv[1] && /rollup-bench\.[jt]s$/.test(process.argv[1])) {
  runRollupBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
