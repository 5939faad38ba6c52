/**
 * A whole province on the server as sync leaves it, loaded straight into the server tables for the
 * roll-up benchmark: every county of the committed units list with its device, trainees (valid ID
 * numbers, a few deleted, a few also registered in another county), their training records, the op
 * log and push batches the pushes left, the platform directory and adoptions, and each county's
 * dispatch reports for every period up to the one measured (most submitted, some returned, some
 * adjusted by hand). Rows carry the columns src-server/sync/apply-ops.ts writes (field stamps,
 * derived birth date and sex, device id, sealed ID number and phone with the number's digest, under the
 * fixed benchmark key, BENCH_KEYRING), so the queries see real row widths.
 *
 * Loading is setup, not what is measured: each table is filled with `INSERT ... SELECT * FROM
 * unnest(array per column)` (one round trip per few thousand rows, no extra dependency). The expected
 * figures of every county are tallied while generating, so the benchmark can check what it measured.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { demoCategories, demoIdNumber, demoName, demoPhone } from '../../src-main/core/demo/demo-people';
import { SeededRandom } from '../../src-main/core/demo/random';
import { platformIdFor } from '../../src-node/reference-ids';
import { NAMED_NATIONAL_PLATFORMS, SEED_OCCUPATIONS } from '../../src-shared/reference-data';
import { stableUuid } from '../../src-node/stable-id';
import { uuidV7 } from '../../src-main/core/uuid-v7';
import { mergeFields } from '../../src-server/sync/field-merge';
import { PersonalDataCipher, storedTraineeColumns } from '../../src-server/secrets/personal-data';
import { ServerKeyring } from '../../src-server/secrets/server-keys';
import { reportIndexColumns } from '../../src-server/staff/report-index';
import { FIGURE_KEYS, zeroFigures, type Figures } from '../../src-shared/domain/dispatch-figures';
import { addDays, compareDates, daysBetween } from '../../src-shared/domain/dates';
import { formatHlc } from '../../src-shared/domain/hlc';
import { parseIdNumber } from '../../src-shared/domain/id-card';
import { DEFAULT_CAMPAIGN, generatePeriods, type PeriodSpec } from '../../src-shared/domain/periods';
import { HEILONGJIANG_UNITS, type Unit } from '../../src-shared/domain/units';

export const PERIODS: readonly PeriodSpec[] = generatePeriods(DEFAULT_CAMPAIGN);
const BATCH_OPS = 500;
const INSERT_ROWS = 5000;
/** Counties being written at once (one connection each) while the next is generated. */
const COUNTIES_IN_FLIGHT = 2;
const DELETED_TRAINEES = 0.01;
const DELETED_RECORDS = 0.005;
const CROSS_COUNTY = 0.003;
/** Training records per trainee: none, one, two or three (1.45 on average). */
const RECORD_WEIGHTS = [0.15, 0.4, 0.3, 0.15];
/**
 * A fixed server key for the benchmark: a database kept for reuse (ROLLUP_BENCH_DB) still opens in a later
 * run, whose app is given the same key (rollup-bench.ts).
 */
export const BENCH_KEYRING = new ServerKeyring(Buffer.alloc(32, 8));
const personalData = new PersonalDataCipher(BENCH_KEYRING);

export interface ProvinceOptions {
  trainees: number;
  /** The period measured: reports exist for it and every earlier period. */
  cutoffDate: string;
  seed: number;
  /** The clock of the run: last sync times are set relative to it. */
  now: Date;
}

export interface LoadedProvince {
  counties: number;
  trainees: number;
  enrolments: number;
  opLog: number;
  crossCountyNumbers: number;
  /** Expected computed figures per county at `cutoffDate` (what the records add up to). */
  expected: Map<string, Figures>;
}

type Row = Record<string, unknown>;
type Columns = Record<string, 'text' | 'int' | 'float8'>;

const TRAINEE_COLUMNS: Columns = {
  id: 'text', county_code: 'text', id_number_sealed: 'text', id_number_digest: 'text', name: 'text', phone_sealed: 'text', categories: 'text', rural_hukou: 'int', registered_at: 'text',
  platform_id: 'text', note: 'text', birth_date: 'text', sex: 'text', created_at: 'text', updated_at: 'text', deleted_at: 'text', delete_reason: 'text',
  hlc: 'text', device_id: 'text', field_hlc: 'text',
};
const ENROLMENT_COLUMNS: Columns = {
  id: 'text', county_code: 'text', trainee_id: 'text', platform_id: 'text', occupation_id: 'text', course_name: 'text', start_date: 'text', end_date: 'text',
  hours: 'float8', signed_in: 'int', learning_record: 'text', test_result: 'text', created_at: 'text', updated_at: 'text', deleted_at: 'text', hlc: 'text', field_hlc: 'text',
};
const OP_LOG_COLUMNS: Columns = {
  op_id: 'text', device_id: 'text', county_code: 'text', batch_key: 'text', seq: 'int', entity: 'text', entity_id: 'text', op: 'text', hlc: 'text', status: 'text', code: 'text', at: 'text',
};
const BATCH_COLUMNS: Columns = {
  device_id: 'text', idempotency_key: 'text', county_code: 'text', body_hash: 'text', first_seq: 'int', last_seq: 'int', op_count: 'int', response: 'text', created_at: 'text',
};

/** Many rows in one statement: one array per column, unnested by PostgreSQL. */
export async function insertUnnest(db: Knex | Knex.Transaction, table: string, columns: Columns, rows: readonly Row[]): Promise<void> {
  const names = Object.keys(columns);
  for (let start = 0; start < rows.length; start += INSERT_ROWS) {
    const chunk = rows.slice(start, start + INSERT_ROWS);
    // pg sends each as an array literal, nulls included; knex's types only know arrays of one type.
    const arrays = names.map((name) => chunk.map((row) => row[name] ?? null) as string[]);
    const casts = names.map((name) => `?::${columns[name]}[]`).join(', ');
    await db.raw(`INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${casts})`, arrays);
  }
}

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A moment on a campaign day in China (08:00-18:00), as the ISO instant a PC would stamp. */
function momentOn(random: SeededRandom, date: string): number {
  return Date.parse(`${date}T00:00:00Z`) + random.int(0, 10 * 3600_000);
}

interface Directory {
  rows: Row[];
  national: Array<{ id: string; name: string }>;
  province: string[];
  cityPlatforms: Map<string, string[]>;
}

function directory(cities: readonly Unit[], counties: readonly Unit[], at: string): Directory {
  const base = { url: null, is_demo: 0, created_at: at, updated_at: at, deleted_at: null, hlc: null, county_code: null, city_code: null };
  const national = NAMED_NATIONAL_PLATFORMS.map((p) => ({ id: platformIdFor('national', p.name), name: p.name }));
  const province = Array.from({ length: 8 }, (_, i) => platformIdFor('province', `省级平台${i + 1}`));
  const cityPlatforms = new Map(cities.map((c) => [c.code, [0, 1].map((i) => platformIdFor('city', `${c.name}平台${i + 1}`))]));
  const rows: Row[] = [
    ...national.map((p) => ({ ...base, id: p.id, name: p.name, level: 'national', source: 'national' })),
    ...province.map((id, i) => ({ ...base, id, name: `省级平台${i + 1}`, level: 'province', source: 'province' })),
    ...[...cityPlatforms].flatMap(([city, ids]) => ids.map((id, i) => ({ ...base, id, name: `${city}平台${i + 1}`, level: 'city', source: 'province', city_code: city }))),
    // A county's own entry, pushed by its PC.
    ...counties.map((c) => ({ ...base, id: stableUuid('bench-county-platform', c.code), name: `${c.name}自建平台`, level: 'city', source: 'county', county_code: c.code, hlc: formatHlc({ wallMs: Date.parse(at), counter: 0 }, `pc${c.code}`) })),
  ];
  return { rows, national, province, cityPlatforms };
}

/** How many trainees each county has: uneven (a city district has more than a forest county), summing to `total`. */
function countySizes(random: SeededRandom, count: number, total: number): number[] {
  const weights = Array.from({ length: count }, () => 0.4 + random.next() * 1.2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w / sum) * total));
  sizes[0]! += total - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

interface CountyTally {
  registeredOn: Map<string, number>;
  startedOn: Map<string, number>;
}

function tallyAsOf(counts: Map<string, number>, cutoff: string): number {
  let n = 0;
  for (const [date, count] of counts) if (compareDates(date, cutoff) <= 0) n += count;
  return n;
}

const OCCUPATIONS = SEED_OCCUPATIONS.map((name) => ({ id: stableUuid('occupation', name), name }));

/** Ops of one county in push order, grouped into batches of 500 as the PC's batcher sends them. */
class PushLog {
  readonly ops: Row[] = [];
  readonly batches: Row[] = [];
  private batchKey = randomUUID();

  constructor(
    private readonly county: string,
    private readonly deviceId: string,
  ) {}

  add(entity: string, entityId: string, op: string, hlc: string, at: string): void {
    const seq = this.ops.length + 1;
    this.ops.push({ op_id: uuidV7(Date.parse(at)), device_id: this.deviceId, county_code: this.county, batch_key: this.batchKey, seq, entity, entity_id: entityId, op, hlc, status: 'applied', code: null, at });
    if (seq % BATCH_OPS === 0) this.closeBatch(at);
  }

  closeBatch(at: string): void {
    const first = this.batches.length * BATCH_OPS + 1;
    const last = this.ops.length;
    if (last < first) return;
    const counts = { applied: last - first + 1, rejected: 0, duplicate: 0 };
    const response = JSON.stringify({ ok: true, data: { batchId: this.batchKey, firstSeq: first, lastSeq: last, counts, rejected: [], duplicates: [], storedHash: hex(this.batchKey), serverTime: at } });
    this.batches.push({ device_id: this.deviceId, idempotency_key: this.batchKey, county_code: this.county, body_hash: hex(`body${this.batchKey}`), first_seq: first, last_seq: last, op_count: counts.applied, response, created_at: at });
    this.batchKey = randomUUID();
  }
}

export async function loadProvince(db: Knex, options: ProvinceOptions): Promise<LoadedProvince> {
  const random = new SeededRandom(options.seed);
  const cities = HEILONGJIANG_UNITS.filter((u) => u.level === 'city');
  const counties = HEILONGJIANG_UNITS.filter((u) => u.level === 'county');
  const campaignStart = DEFAULT_CAMPAIGN.campaignStart;
  const lastDay = options.cutoffDate > DEFAULT_CAMPAIGN.campaignEnd ? DEFAULT_CAMPAIGN.campaignEnd : options.cutoffDate;
  const spanDays = daysBetween(campaignStart, DEFAULT_CAMPAIGN.campaignEnd);
  const publishedAt = `${campaignStart}T00:00:00.000Z`;
  const dir = directory(cities, counties, publishedAt);
  // The server seeds the named national platforms itself (migration 20261126200000).
  const seeded = new Set(await db('platforms').pluck<string[]>('id'));
  await insertUnnest(db, 'platforms', { id: 'text', name: 'text', url: 'text', level: 'text', source: 'text', county_code: 'text', city_code: 'text', is_demo: 'int', created_at: 'text', updated_at: 'text', deleted_at: 'text', hlc: 'text' }, dir.rows.filter((r) => !seeded.has(r.id as string)));

  const sizes = countySizes(random, counties.length, options.trainees);
  const expected = new Map<string, Figures>();
  // Numbers already registered somewhere: the pool a person registering in a second county comes from.
  const pool: Array<{ county: string; idNumber: string }> = [];
  let trainees = 0;
  let enrolments = 0;
  let opLog = 0;
  let crossCounty = 0;
  const inFlight: Array<Promise<void>> = [];

  for (const [index, county] of counties.entries()) {
    const deviceId = randomUUID();
    const node = `pc${county.code}`;
    const push = new PushLog(county.code, deviceId);
    const tally: CountyTally = { registeredOn: new Map(), startedOn: new Map() };
    const seen = new Set<string>();
    const traineeRows: Row[] = [];
    const recordRows: Row[] = [];
    let lastAt = publishedAt;
    for (let n = 0; traineeRows.length < sizes[index]!; n++) {
      let idNumber: string;
      const borrowed = pool.length > 0 && random.chance(CROSS_COUNTY) ? random.pick(pool) : null;
      if (borrowed && borrowed.county !== county.code && !seen.has(borrowed.idNumber)) {
        idNumber = borrowed.idNumber;
        crossCounty++;
      } else {
        idNumber = demoIdNumber(random, county.code, n).idNumber;
        if (seen.has(idNumber)) continue;
      }
      seen.add(idNumber);
      if (pool.length < 50_000) pool.push({ county: county.code, idNumber });
      else if (random.chance(0.01)) pool[random.int(0, pool.length - 1)] = { county: county.code, idNumber };

      // Registrations grow through the campaign: later days are busier.
      const registeredAt = addDays(campaignStart, Math.floor(Math.sqrt(random.next()) * spanDays));
      const createdMs = momentOn(random, registeredAt);
      const syncedAt = new Date(createdMs + random.int(1, 48) * 3600_000).toISOString();
      const hlc = formatHlc({ wallMs: createdMs, counter: 0 }, node);
      const id = uuidV7(createdMs);
      const columns = {
        id_number: idNumber,
        name: demoName(random),
        phone: demoPhone(random),
        categories: JSON.stringify(demoCategories(random)),
        rural_hukou: random.chance(0.6) ? 1 : 0,
        registered_at: registeredAt,
        platform_id: random.chance(0.5) ? random.pick(dir.national).id : null,
        note: null,
      };
      const parsed = parseIdNumber(idNumber);
      if (!parsed.ok) throw new Error('generated an invalid ID number');
      const stamps = mergeFields(null, columns, hlc).stamps;
      const deleted = random.chance(DELETED_TRAINEES);
      const deletedAt = deleted ? new Date(createdMs + 3 * 86_400_000).toISOString() : null;
      if (deleted) stamps.deleted_at = stamps.delete_reason = formatHlc({ wallMs: createdMs + 3 * 86_400_000, counter: 0 }, node);
      // Stored as sync stores them: number and phone sealed, the number's digest beside (secrets/personal-data.ts).
      traineeRows.push({
        id, county_code: county.code, ...storedTraineeColumns(personalData, id, columns), birth_date: parsed.value.birthDate, sex: parsed.value.sex, created_at: new Date(createdMs).toISOString(), updated_at: deletedAt ?? syncedAt,
        deleted_at: deletedAt, delete_reason: deleted ? '重复登记，已删除' : null, hlc: deleted ? stamps.deleted_at : hlc, device_id: deviceId, field_hlc: JSON.stringify(stamps),
      });
      push.add('trainee', id, 'put', hlc, syncedAt);
      if (!deleted) tally.registeredOn.set(registeredAt, (tally.registeredOn.get(registeredAt) ?? 0) + 1);

      let records = 0;
      for (let roll = random.next(); records < RECORD_WEIGHTS.length - 1 && roll >= RECORD_WEIGHTS[records]!; records++) roll -= RECORD_WEIGHTS[records]!;
      for (let r = 0; r < records; r++) {
        const startDate = addDays(registeredAt, random.int(0, 10));
        const occupation = random.chance(0.9) ? random.pick(OCCUPATIONS) : null;
        const recordMs = createdMs + (r + 1) * 60_000;
        const recordHlc = formatHlc({ wallMs: recordMs, counter: 0 }, node);
        const recordColumns = {
          trainee_id: id,
          platform_id: random.chance(0.7) ? random.pick(dir.national).id : random.pick(dir.province),
          occupation_id: occupation?.id ?? null,
          course_name: `${occupation?.name ?? '通用职业素质'}（初级）`,
          start_date: startDate,
          end_date: random.chance(0.5) ? addDays(startDate, random.int(1, 14)) : null,
          hours: random.int(2, 40),
          signed_in: random.chance(0.8) ? 1 : 0,
          learning_record: null,
          test_result: random.chance(0.3) ? '合格' : null,
        };
        const recordStamps = mergeFields(null, recordColumns, recordHlc).stamps;
        const recordDeleted = random.chance(DELETED_RECORDS);
        const recordId = uuidV7(recordMs);
        recordRows.push({
          id: recordId, county_code: county.code, ...recordColumns, created_at: new Date(recordMs).toISOString(), updated_at: syncedAt,
          deleted_at: recordDeleted ? syncedAt : null, hlc: recordHlc, field_hlc: JSON.stringify(recordStamps),
        });
        push.add('enrolment', recordId, 'put', recordHlc, syncedAt);
        if (!deleted && !recordDeleted) tally.startedOn.set(startDate, (tally.startedOn.get(startDate) ?? 0) + 1);
      }
      if (syncedAt > lastAt) lastAt = syncedAt;
    }
    push.closeBatch(lastAt);

    const adoptions = adoptionsOf(random, county, dir, publishedAt);
    // Most PCs synced within the day; a few have been silent for more than a week.
    const lastSeen = new Date(options.now.getTime() - (random.chance(0.05) ? 10 * 86_400_000 : random.int(1, 20) * 3600_000)).toISOString();
    const device = { id: deviceId, county_code: county.code, token_hash: hex(deviceId), client_device_id: randomUUID(), label: `${county.name}办公室`, created_at: publishedAt, last_seen_at: lastSeen, last_seq: push.ops.length };
    const reports = reportsOf(random, county.code, tally, adoptions, options.cutoffDate, lastDay);
    // PostgreSQL writes this county while the next one is generated here.
    if (inFlight.length >= COUNTIES_IN_FLIGHT) await inFlight.shift();
    inFlight.push(
      db.transaction(async (trx) => {
        await trx('devices').insert(device);
        await insertUnnest(trx, 'trainees', TRAINEE_COLUMNS, traineeRows);
        await insertUnnest(trx, 'enrolments', ENROLMENT_COLUMNS, recordRows);
        await insertUnnest(trx, 'op_log', OP_LOG_COLUMNS, push.ops);
        await insertUnnest(trx, 'push_batches', BATCH_COLUMNS, push.batches);
        await insertUnnest(trx, 'platform_adoptions', { county_code: 'text', platform_id: 'text', adopted: 'int', in_local_directory: 'int', updated_at: 'text', hlc: 'text' }, adoptions.rows);
        await trx('county_records').insert(reports);
      }),
    );
    expected.set(county.code, { registeredTrainees: tallyAsOf(tally.registeredOn, options.cutoffDate), trainingPersonTimes: tallyAsOf(tally.startedOn, options.cutoffDate), ...adoptions.figures });
    trainees += traineeRows.length;
    enrolments += recordRows.length;
    opLog += push.ops.length;
  }
  await Promise.all(inFlight);
  await loadReviews(db, options.cutoffDate);
  return { counties: counties.length, trainees, enrolments, opLog, crossCountyNumbers: crossCounty, expected };
}

interface Adoptions {
  rows: Row[];
  figures: Pick<Figures, 'provincePlatforms' | 'cityPlatforms' | 'nationalPlatforms'>;
  nationalNames: string[];
}

function adoptionsOf(random: SeededRandom, county: Unit, dir: Directory, at: string): Adoptions {
  const hlc = formatHlc({ wallMs: Date.parse(at), counter: 0 }, `pc${county.code}`);
  const rows: Row[] = [];
  const row = (platformId: string, adopted: boolean, inDirectory: boolean) =>
    rows.push({ county_code: county.code, platform_id: platformId, adopted: adopted ? 1 : 0, in_local_directory: inDirectory ? 1 : 0, updated_at: at, hlc });
  const national = dir.national.filter(() => random.chance(0.6));
  for (const p of dir.national) row(p.id, national.includes(p), true);
  const province = dir.province.filter(() => random.chance(0.7));
  for (const id of dir.province) row(id, false, province.includes(id));
  const city = dir.cityPlatforms.get(county.parentCode ?? '') ?? [];
  for (const id of city) row(id, false, true);
  row(stableUuid('bench-county-platform', county.code), false, true);
  return { rows, figures: { provincePlatforms: province.length, cityPlatforms: city.length + 1, nationalPlatforms: national.length }, nationalNames: national.map((p) => p.name) };
}

/** The county's dispatch reports as its PC sent them (dispatch-service.ts `write`), one per period up to the measured one. */
function reportsOf(random: SeededRandom, countyCode: string, tally: CountyTally, adoptions: Adoptions, measured: string, lastDay: string): Row[] {
  const rows: Row[] = [];
  for (const period of PERIODS.filter((p) => compareDates(p.cutoffDate, measured) <= 0)) {
    const isMeasured = period.cutoffDate === measured;
    const roll = random.next();
    // The measured period: most counties have submitted (a few late), some still draft, some never started.
    if (isMeasured && roll < 0.04) continue;
    const status = isMeasured && roll < 0.1 ? 'draft' : 'submitted';
    const computed = { ...zeroFigures(), registeredTrainees: tallyAsOf(tally.registeredOn, period.cutoffDate), trainingPersonTimes: tallyAsOf(tally.startedOn, period.cutoffDate), ...adoptions.figures };
    const adjusted = random.chance(0.05);
    const figures = adjusted ? { ...computed, trainingPersonTimes: computed.trainingPersonTimes + random.int(1, 50) } : computed;
    const late = random.chance(0.08);
    const submittedAt = status === 'submitted' ? `${addDays(period.dueDate, late ? 1 : -1)}T02:00:00.000Z` : null;
    const id = stableUuid('bench-report', `${countyCode}:${period.cutoffDate}`);
    const payload = {
      id,
      periodId: `default-${period.cutoffDate}`,
      cutoffDate: period.cutoffDate,
      countyCode,
      status,
      computed: { figures: computed, nationalPlatformNames: adoptions.nationalNames, computedAt: submittedAt ?? `${lastDay}T02:00:00.000Z` },
      adjustments: adjusted ? [{ figure: 'trainingPersonTimes', value: figures.trainingPersonTimes, reason: '补录线下报名', operatorId: null, operatorName: '基准测试', at: submittedAt }] : [],
      figures,
      forceReason: null,
      submittedAt,
      submittedBy: status === 'submitted' ? '基准测试' : null,
    };
    const at = submittedAt ?? `${lastDay}T02:00:00.000Z`;
    rows.push({ entity: 'dispatch_report', id, county_code: countyCode, payload: JSON.stringify(payload), ...reportIndexColumns('dispatch_report', payload), hlc: formatHlc({ wallMs: Date.parse(at), counter: 0 }, `pc${countyCode}`), updated_at: at, deleted_at: null });
  }
  return rows;
}

/** The province has accepted every earlier period, and judged some of the measured one (accepted or returned). */
async function loadReviews(db: Knex, measured: string): Promise<void> {
  const reports = await db('county_records').where({ entity: 'dispatch_report' }).select<Array<{ id: string; county_code: string; payload: string }>>('id', 'county_code', 'payload');
  const random = new SeededRandom(7);
  const rows: Row[] = [];
  for (const report of reports) {
    const payload = JSON.parse(report.payload) as { cutoffDate: string; submittedAt: string | null };
    if (!payload.submittedAt) continue;
    const isMeasured = payload.cutoffDate === measured;
    const roll = random.next();
    if (isMeasured && roll > 0.4) continue;
    const status = isMeasured && roll < 0.05 ? 'returned' : 'accepted';
    rows.push({
      county_code: report.county_code, cutoff_date: payload.cutoffDate, report_id: report.id, status, comment: status === 'returned' ? '培训人次与系统数据不符，请核实' : null,
      submitted_at: payload.submittedAt, reviewed_at: payload.submittedAt, reviewed_by: 'bench-province',
    });
  }
  await insertUnnest(db, 'report_reviews', { county_code: 'text', cutoff_date: 'text', report_id: 'text', status: 'text', comment: 'text', submitted_at: 'text', reviewed_at: 'text', reviewed_by: 'text' }, rows);
}

/** The figures a county's records compute, summed over counties (for checking what the service answers). */
export function sumExpected(expected: Map<string, Figures>, codes: readonly string[]): Figures {
  const total = zeroFigures();
  for (const code of codes) for (const key of FIGURE_KEYS) total[key] += expected.get(code)?.[key] ?? 0;
  return total;
}
