/**
 * Issue 4's figures: a generated 100,000-row trainee .xlsx imported through the real path (dry run + commit, audit
 * and outbox rows included) next to the floor measured in the same run: exceljs's streaming parse of the same file
 * plus a raw batch insert of the same trainee rows. The import runs in a child process (import-bench-run.ts) whose
 * peak resident set size is the import's own.
 */
import { unlockAsLastOperator } from '../support/temp-app';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { insertChunked } from '../../src-main/core/db/chunked-insert';
import { rawTraineeRow } from './raw-rows';
import { demoIdNumber, demoName, demoPhone } from '../../src-main/core/demo/demo-people';
import { SeededRandom } from '../../src-main/core/demo/random';
import { silentLogger } from '../../src-node/logger';
import { report, scaled, tempDir, timed } from './bench-kit';
import type { ImportRunFigures } from './import-bench-run';
import { PLATFORM_SPELLINGS, spellingDecisions } from '../support/platform-spellings';

const HEADER = ['序号', '姓名', '身份证号码', '联系电话', '人员类别', '户籍', '注册日期', '备注'];

interface Person {
  idNumber: string;
  name: string;
  phone: string;
}

/**
 * plain: the template's columns, every value in the lists. mapping (issue #14): a roster as counties keep it, with no
 * 户籍 column, 30 spellings of the platform (test/support/platform-spellings.ts) and a category word not in the list
 * (脱贫户) in a fifth of the rows, all decided per value.
 */
type Variant = 'plain' | 'mapping';
const MAPPING_HEADER = ['序号', '姓名', '身份证号码', '联系电话', '人员类别', '注册日期', '培训平台', '备注'];
const MAPPING_CATEGORIES = ['失业人员、两后生', '失业、脱贫户', '农民工', '两后生', '失业人员'];

/** The sheet's rows after its title and header, and the people in them. */
function rosterRows(count: number, variant: Variant, region: string): { rows: unknown[][]; people: Person[] } {
  const random = new SeededRandom(4);
  const people: Person[] = [];
  const rows: unknown[][] = [];
  const seen = new Set<string>();
  for (let sequence = 0; people.length < count; sequence += 1) {
    const { idNumber } = demoIdNumber(random, region, sequence);
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    const person = { idNumber, name: demoName(random), phone: demoPhone(random) };
    people.push(person);
    const n = people.length;
    const date = 43922 + (n % 60);
    rows.push(
      variant === 'plain'
        ? [n, person.name, person.idNumber, person.phone, '失业人员、两后生', '农村', date, null]
        : [n, person.name, person.idNumber, person.phone, MAPPING_CATEGORIES[n % MAPPING_CATEGORIES.length], date, PLATFORM_SPELLINGS[n % PLATFORM_SPELLINGS.length]![0], null],
    );
  }
  return { rows, people };
}

const TITLE = '某某县线上培训学员花名册';

/** `region`: the ID numbers' area code; another one gives other people (the remembered-choices variant's earlier roster). */
export async function writeSheet(file: string, count: number, variant: Variant = 'plain', region = '230102'): Promise<Person[]> {
  const { rows, people } = rosterRows(count, variant, region);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([TITLE]).commit();
  sheet.addRow(variant === 'plain' ? HEADER : MAPPING_HEADER).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return people;
}

/**
 * The same roster as an Excel 97-2003 .xls (BIFF8, written by SheetJS as WPS and old Excel write it), which holds at
 * most 65,536 rows: issue #14 reads it whole, in the import's worker thread (biff-reader.ts).
 */
export function writeXls(file: string, count: number): void {
  const { rows } = rosterRows(count, 'plain', '230102');
  const sheet = XLSX.utils.aoa_to_sheet([[TITLE], HEADER, ...rows]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Sheet1');
  fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
}

async function openStore(label: string): Promise<{ dir: string; context: AppContext }> {
  const dir = tempDir(label);
  const context = await openAppContext({ dataDir: dir, mode: 'web', logger: silentLogger });
  await context.services.settings.init({ countyCode: '230102', operatorName: '基准' });
  await unlockAsLastOperator(context);
  return { dir, context };
}

async function parseOnly(file: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) rows += row.cellCount > 0 ? 1 : 0;
  }
  return rows;
}

/**
 * The floor: the streaming parse alone, then the same rows inserted raw (no checks, no audit, no outbox). The
 * parse is warmed up on the small sheet first, as the import is (import-bench-run.ts): a cold parse measured
 * 3.3-4.2 s against 2.5 s warm, which flattered the ratio.
 */
async function floor(file: string, warmUpFile: string, people: readonly Person[]): Promise<{ parseMs: number; insertMs: number }> {
  await parseOnly(warmUpFile);
  const parse = await timed(() => parseOnly(file));
  const { dir, context } = await openStore('import-floor');
  const now = new Date().toISOString();
  const rows = people.map((p) => rawTraineeRow(p, now));
  const insert = await timed(() => context.db.transaction((trx) => insertChunked(trx, 'trainees', rows)));
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { parseMs: parse.ms, insertMs: insert.ms };
}

/**
 * The import in a fresh plain Node process running the app's code compiled, as the CLI and the app run it: the
 * runner is bundled with esbuild (dependencies stay in node_modules), not loaded through tsx, whose loader and
 * transform cache would add ~50 MB to the peak that no clerk's process has.
 */
export async function importInChild(work: string, warmUpFile: string, file: string, decisionsFile?: string, atRest: 'sealed' | 'plain' = 'sealed', priorFile?: string): Promise<ImportRunFigures> {
  const script = path.join(work, 'import-bench-run.js');
  // The .xlsx worker (src-main/core/import/xlsx-worker.ts) is bundled beside the runner, where the reader looks
  // for it (xlsx-in-worker.ts resolves xlsx-worker.js next to the code that reads), and the .xls reader beside the
  // worker, which loads it only for an .xls (`require('./biff-reader')`).
  await build({
    entryPoints: {
      'import-bench-run': path.join(__dirname, 'import-bench-run.ts'),
      'xlsx-worker': path.join(__dirname, '..', '..', 'src-main', 'core', 'import', 'xlsx-worker.ts'),
      'biff-reader': path.join(__dirname, '..', '..', 'src-main', 'core', 'import', 'biff-reader.ts'),
      // The commit's sealing thread (seal-ahead.ts looks for seal-worker.js beside the code that starts it).
      'seal-worker': path.join(__dirname, '..', '..', 'src-main', 'core', 'secrets', 'seal-worker.ts'),
    },
    outdir: work,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // The bundle sits in a temp folder: its require()s find the project's packages through NODE_PATH.
  const env = { ...process.env, NODE_PATH: path.resolve(__dirname, '..', '..', 'node_modules'), BENCH_AT_REST: atRest };
  const args = [warmUpFile, file, ...(decisionsFile ? [decisionsFile] : []), ...(decisionsFile && priorFile ? [priorFile] : [])];
  const output = execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(output.trim().split('\n').pop()!) as ImportRunFigures;
}

export async function runImportBench(): Promise<void> {
  const count = scaled(100_000);
  const work = tempDir('import');
  const file = path.join(work, 'trainees.xlsx');
  const warmUpFile = path.join(work, 'warm-up.xlsx');
  const people = await writeSheet(file, count);
  await writeSheet(warmUpFile, 1000);
  const mappingFile = path.join(work, 'roster.xlsx');
  const mappingWarmUp = path.join(work, 'roster-warm-up.xlsx');
  await writeSheet(mappingFile, count, 'mapping');
  await writeSheet(mappingWarmUp, 1000, 'mapping');
  const decisionsFile = path.join(work, 'decisions.json');
  fs.writeFileSync(decisionsFile, JSON.stringify([...spellingDecisions(), { field: 'categories', value: '脱贫户', action: 'map', target: 'poverty_registered' }]));
  // An earlier roster of other people with every spelling and 脱贫户 (60 rows: n % 30 and n % 5 cover them all).
  const priorFile = path.join(work, 'earlier-roster.xlsx');
  await writeSheet(priorFile, 60, 'mapping', '230104');
  const { parseMs, insertMs } = await floor(file, warmUpFile, people);
  const run = await importInChild(work, warmUpFile, file);
  const mapped = await importInChild(work, mappingWarmUp, mappingFile, decisionsFile);
  const remembered = await importInChild(work, mappingWarmUp, mappingFile, decisionsFile, 'sealed', priorFile);
  // The old format beside the new one, the same 65,000 rows (an .xls holds at most 65,536).
  const xlsRows = Math.min(count, 65_000);
  const [xlsFile, xlsWarmUp, xlsxSame] = ['roster.xls', 'roster-warm-up.xls', 'roster-65k.xlsx'].map((name) => path.join(work, name)) as [string, string, string];
  writeXls(xlsFile, xlsRows);
  writeXls(xlsWarmUp, 1000);
  await writeSheet(xlsxSame, xlsRows);
  const xls = await importInChild(work, xlsWarmUp, xlsFile);
  const xlsxBeside = await importInChild(work, warmUpFile, xlsxSame);
  for (const figures of [run, mapped, remembered, xls, xlsxBeside]) if (figures.problems.length > 0) console.log('rejected rows:', figures.problems);
  const xlsMs = xls.dryMs + xls.commitMs;
  const xlsxBesideMs = xlsxBeside.dryMs + xlsxBeside.commitMs;
  const rememberedMs = remembered.dryMs + remembered.commitMs;
  const floorMs = parseMs + insertMs;
  const importMs = run.dryMs + run.commitMs;
  const mappedMs = mapped.dryMs + mapped.commitMs;
  report(`Import ${count.toLocaleString('en')} trainees from .xlsx (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`, [
    { step: 'floor: exceljs streaming parse', ms: Math.round(parseMs), note: '' },
    { step: 'floor: raw batch insert', ms: Math.round(insertMs), note: '' },
    { step: 'import: dry run (parse, check, store lookups)', ms: Math.round(run.dryMs), note: `${run.counts.new} new, ${run.counts.invalid} invalid` },
    { step: 'import: commit (audit + outbox, one transaction)', ms: Math.round(run.commitMs), note: `${run.imported} imported` },
    { step: 'import total / floor', ms: Math.round(importMs), note: `${(importMs / floorMs).toFixed(2)}x (target <= 2x)` },
    { step: 'peak RSS of the importing process', ms: 0, note: `${run.peakRssMb} MB (${run.startRssMb} MB with the store open, target < 500 MB)` },
    { step: 'value mapping: dry run (no 户籍 column, 30 platform spellings, 脱贫户)', ms: Math.round(mapped.dryMs), note: `${mapped.counts.new} new, ${mapped.counts.invalid} invalid` },
    { step: 'value mapping: commit (+ 5 new platforms, 31 choices kept)', ms: Math.round(mapped.commitMs), note: `${mapped.imported} imported` },
    { step: 'value mapping total / plain import', ms: Math.round(mappedMs), note: `${(mappedMs / importMs).toFixed(2)}x (target <= 1.2x)` },
    { step: 'peak RSS of the value-mapping import', ms: 0, note: `${mapped.peakRssMb} MB (target < 500 MB)` },
    { step: 'remembered choices: dry run (same roster, no decisions given)', ms: Math.round(remembered.dryMs), note: `${remembered.counts.new} new, ${remembered.counts.invalid} invalid` },
    { step: 'remembered choices: commit', ms: Math.round(remembered.commitMs), note: `${remembered.imported} imported` },
    { step: 'remembered choices total / plain import', ms: Math.round(rememberedMs), note: `${(rememberedMs / importMs).toFixed(2)}x (target <= 1.2x)` },
    { step: 'peak RSS of the remembered-choices import', ms: 0, note: `${remembered.peakRssMb} MB (target < 500 MB)` },
    { step: `.xls (Excel 97-2003): dry run, ${xlsRows.toLocaleString('en')} rows (${(fs.statSync(xlsFile).size / 1e6).toFixed(1)} MB)`, ms: Math.round(xls.dryMs), note: `${xls.counts.new} new, ${xls.counts.invalid} invalid` },
    { step: '.xls: commit', ms: Math.round(xls.commitMs), note: `${xls.imported} imported` },
    { step: '.xls total / the same rows as .xlsx', ms: Math.round(xlsMs), note: `${(xlsMs / xlsxBesideMs).toFixed(2)}x (.xlsx: ${Math.round(xlsxBeside.dryMs)} + ${Math.round(xlsxBeside.commitMs)} ms)` },
    { step: 'peak RSS of the .xls import / the .xlsx one', ms: 0, note: `${xls.peakRssMb} / ${xlsxBeside.peakRssMb} MB (target < 500 MB)` },
  ]);
  fs.rmSync(work, { recursive: true, force: true });
}
