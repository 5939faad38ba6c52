/**
 * Issue 5's figures: computing the dispatch figures for one cutoff with 1,000,000 trainees and 3,000,000 training
 * records (target: under 200 ms), and printing the table to PDF (target: under 2 s).
 *
 * The store is filled with raw multi-row inserts (not through the services: the services' cost is the store
 * benchmark's business), but the dispatch counters' triggers do fire, as they would for any writer; the fill rate is
 * printed so their cost shows. About 1% of trainees and 1% of records are soft-deleted, so the figures must leave
 * them out.
 *
 * Issue #19: the figures are measured twice in the same run, on a store whose trainees are sealed by the store's
 * cipher (ID numbers and phones AES-256-GCM, blind indexes) and on one filled through plain-cipher.ts (the same
 * schema and columns, nothing sealed). The PDF is printed from the sealed store, as the app prints it.
 */
import { unlockAsLastOperator } from '../support/temp-app';
import fs from 'node:fs';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { insertChunked } from '../../src-main/core/db/chunked-insert';
import { rawTraineeRow } from './raw-rows';
import { DispatchRepository } from '../../src-main/core/db/repositories/dispatch-repository';
import { SeededRandom } from '../../src-main/core/demo/random';
import { silentLogger } from '../../src-node/logger';
import { uuidV7 } from '../../src-main/core/uuid-v7';
import { addDays } from '../../src-shared/domain/dates';
import { percentile, report, scaled, tempDir, timed } from './bench-kit';
import { personalDataOf, type PersonalDataCipher } from '../../src-main/core/secrets/personal-data';
import { usePlainCipher } from './plain-cipher';

type AtRest = 'sealed' | 'plain';

const CAMPAIGN_START = '2020-04-01';
const CAMPAIGN_DAYS = 91;
const CHUNK = 50_000;
const ROUNDS = 5;
const PDF_ROUNDS = 3;

async function fill(context: AppContext, cipher: PersonalDataCipher, trainees: number, enrolments: number): Promise<{ traineeIds: string[]; ms: number }> {
  const random = new SeededRandom(5);
  const now = new Date().toISOString();
  const platformId = (await context.services.platforms.list('national'))[0]!.id;
  const traineeIds: string[] = [];
  const started = process.hrtime.bigint();
  for (let start = 0; start < trainees; start += CHUNK) {
    const rows: Array<Record<string, unknown>> = [];
    for (let i = start; i < Math.min(trainees, start + CHUNK); i++) {
      const id = uuidV7();
      traineeIds.push(id);
      // Unique 18-character numbers; raw inserts skip the checksum the services would demand.
      const idNumber = `230102${String(19_000_000_000 + i).slice(-12)}`;
      rows.push(rawTraineeRow({ id, idNumber, name: '学员', phone: '13800138000', registeredAt: addDays(CAMPAIGN_START, random.int(0, CAMPAIGN_DAYS - 1)), deleted: random.chance(0.01) }, now, '230102', cipher));
    }
    await context.db.transaction((trx) => insertChunked(trx, 'trainees', rows));
  }
  for (let start = 0; start < enrolments; start += CHUNK) {
    const rows: Array<Record<string, unknown>> = [];
    for (let i = start; i < Math.min(enrolments, start + CHUNK); i++) {
      rows.push({
        id: uuidV7(), trainee_id: traineeIds[random.int(0, traineeIds.length - 1)]!, platform_id: platformId, occupation_id: null,
        course_name: '养老护理', start_date: addDays(CAMPAIGN_START, random.int(0, CAMPAIGN_DAYS - 1)), end_date: null, hours: 8,
        signed_in: 1, learning_record: null, test_result: null, created_at: now, updated_at: now, created_by: null, updated_by: null,
        deleted_at: random.chance(0.01) ? now : null, delete_reason: null, hlc: null,
      });
    }
    await context.db.transaction((trx) => insertChunked(trx, 'enrolments', rows));
  }
  return { traineeIds, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

interface FigureRun {
  atRest: AtRest;
  fillMs: number;
  snapshotMs: number[];
  reportMs: number[];
  directMs: number;
}

async function openStore(atRest: AtRest): Promise<{ context: AppContext; dir: string; cipher: PersonalDataCipher }> {
  const dir = tempDir(`dispatch-${atRest}`);
  const context = await openAppContext({ dataDir: dir, mode: 'web', logger: silentLogger });
  const cipher = atRest === 'plain' ? usePlainCipher(context.db) : personalDataOf(context.db);
  await context.services.settings.init({ countyCode: '230102', operatorName: '基准测试' });
  await unlockAsLastOperator(context);
  return { context, dir, cipher };
}

/** Fills a store and times the figures of every cutoff; `keep` hands the store on (the PDF is printed from it). */
async function figureRun(atRest: AtRest, trainees: number, enrolments: number, keep?: (context: AppContext) => Promise<void>): Promise<FigureRun> {
  const { context, dir, cipher } = await openStore(atRest);
  try {
    console.log(`\nFilling ${trainees} trainees (${atRest}) and ${enrolments} training records (raw inserts, counter triggers firing)...`);
    const filled = await fill(context, cipher, trainees, enrolments);
    console.log(`(filled in ${(filled.ms / 1000).toFixed(1)} s, ${Math.round(((trainees + enrolments) / filled.ms) * 1000)} rows/s)`);
    const periods = await context.services.reference.periods();
    const snapshotMs: number[] = [];
    const reportMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const period of periods) {
        snapshotMs.push((await timed(() => context.services.dispatch.liveSnapshot(period.cutoffDate))).ms);
        reportMs.push((await timed(() => context.invoke('dispatch.get', { periodId: period.id }))).ms);
      }
    }
    const last = periods.at(-1)!;
    const repo = new DispatchRepository(context.db);
    const direct = await timed(() => repo.personTimesCountedDirectly(last.cutoffDate));
    const counted = await repo.personTimesAsOf(last.cutoffDate);
    if (JSON.stringify(direct.value) !== JSON.stringify(counted)) throw new Error(`counters ${JSON.stringify(counted)} differ from the direct count ${JSON.stringify(direct.value)}`);
    if (keep) await keep(context);
    return { atRest, fillMs: filled.ms, snapshotMs, reportMs, directMs: direct.ms };
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function printRuns(context: AppContext): Promise<void> {
  const periods = await context.services.reference.periods();
  const exportMs = (format: 'pdf' | 'xlsx') => timed(() => context.services.tables.export({ periodId: periods[0]!.id }, format)).then((t) => t.ms);
  const coldPdfMs: number[] = [];
  const warmPdfMs: number[] = [];
  const xlsxMs: number[] = [];
  for (let i = 0; i < PDF_ROUNDS; i++) {
    await context.services.tables.close();
    coldPdfMs.push(await exportMs('pdf'));
    warmPdfMs.push(await exportMs('pdf'));
    xlsxMs.push(await exportMs('xlsx'));
  }
  const row = (what: string, samples: number[], target: string) => ({
    what,
    'min ms': Math.round(Math.min(...samples)),
    'p50 ms': Math.round(percentile(samples, 50)),
    'max ms': Math.round(Math.max(...samples)),
    target,
  });
  report(`The official table, printed (${PDF_ROUNDS} runs each, sealed store)`, [
    row('PDF, cold: starts Chromium (playwright-core), prints', coldPdfMs, '< 2000'),
    row('PDF, warm: Chromium kept from the previous print', warmPdfMs, '< 2000'),
    row('.xlsx (exceljs)', xlsxMs, '-'),
  ]);
}

export async function runDispatchBench(): Promise<void> {
  const trainees = scaled(1_000_000);
  const enrolments = scaled(3_000_000);
  // Plain first, then sealed: the sealed store stays open for the print runs.
  const plain = await figureRun('plain', trainees, enrolments);
  const sealed = await figureRun('sealed', trainees, enrolments, printRuns);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  const p50 = (samples: number[]) => percentile(samples, 50);
  report(`Dispatch figures for one cutoff, ${trainees} trainees / ${enrolments} training records (${ROUNDS} rounds x every cutoff), encryption on vs off`, [
    { what: 'figures (counters + platform counts + names), p50', 'plain ms': round(p50(plain.snapshotMs)), 'sealed ms': round(p50(sealed.snapshotMs)), ratio: ratio(p50(sealed.snapshotMs), p50(plain.snapshotMs)), target: '< 200, <= 1.3x' },
    { what: 'figures, p95', 'plain ms': round(percentile(plain.snapshotMs, 95)), 'sealed ms': round(percentile(sealed.snapshotMs, 95)), ratio: '-', target: '-' },
    { what: 'dispatch.get through the router, p50', 'plain ms': round(p50(plain.reportMs)), 'sealed ms': round(p50(sealed.reportMs)), ratio: ratio(p50(sealed.reportMs), p50(plain.reportMs)), target: '<= 1.3x' },
    { what: 'direct row count at the last cutoff (what the counters replace)', 'plain ms': round(plain.directMs), 'sealed ms': round(sealed.directMs), ratio: '-', target: '-' },
    { what: 'fill (raw inserts, triggers firing)', 'plain ms': Math.round(plain.fillMs), 'sealed ms': Math.round(sealed.fillMs), ratio: ratio(sealed.fillMs, plain.fillMs), target: '-' },
  ]);
}

if (require.main === module) {
  runDispatchBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
