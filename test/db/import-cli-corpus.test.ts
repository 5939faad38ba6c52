/**
 * The roster corpus (test/fixtures/rosters) through `skills-desk import` as a clerk runs it: a dry run that writes
 * the mapping file, every undecided value decided once in that file (the best suggestion, or a new county platform
 * when there is none), then the import with --mapping. Each roster must give the manifest's counts (after the
 * decisions), and the mapping file of a workbook with several sheets records the sheet, which --sheet overrides.
 * Runs bin/skills-desk.js -> dist/: `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RosterExpectation } from '../fixtures/rosters/generate';

const root = path.resolve(__dirname, '../..');
const corpus = path.join(root, 'test/fixtures/rosters');
const manifest = JSON.parse(fs.readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as RosterExpectation[];

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-corpus-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/skills-desk.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The dry run's last line: `30 rows: 30 new, 0 already recorded, 0 invalid; 4 hidden rows not imported (…)`. */
function countsOf(stderr: string): { rows: number; new: number; invalid: number; hidden: number } {
  const match = /^(\d+) rows: (\d+) new, \d+ already recorded, (\d+) invalid(?:; (\d+) hidden rows)?/m.exec(stderr);
  if (!match) throw new Error(`no counts line in:\n${stderr}`);
  return { rows: Number(match[1]), new: Number(match[2]), invalid: Number(match[3]), hidden: Number(match[4] ?? 0) };
}

interface MappingEntry {
  field: string;
  value: string;
  rows: number;
  action: 'map' | 'new' | 'empty' | null;
  target?: string | null;
  suggestions: string[];
}
interface MappingDocument {
  kind: string;
  sheet?: string | number;
  set: Record<string, string | null>;
  values: MappingEntry[];
}

/**
 * Decisions for the roster, as the clerk makes them once per value: the file's own columns where the roster lacks
 * 户籍 (an urban street office's list: 城镇), and for every value group the first suggestion, or a new county platform.
 */
function decide(document: MappingDocument): MappingDocument {
  const set = { ...document.set };
  if ('户籍' in set) set['户籍'] = '城镇';
  const values = document.values.map((entry): MappingEntry => {
    if (entry.action) return entry;
    // Written as `name (why score)`: the name is everything before the last parenthesised note.
    const best = entry.suggestions[0]?.replace(/ \([^()]*\)$/, '');
    return best ? { ...entry, action: 'map', target: best } : { ...entry, action: 'new' };
  });
  return { ...document, set, values };
}

/** What each roster gives once decided: rows with a rounded ID number stay invalid, everything else is taken. */
function expectedAfterDecisions(entry: RosterExpectation) {
  const invalidIds = entry.file.startsWith('05-') ? 5 : 0;
  const rows = entry.dataRows - entry.hiddenRows;
  return { rows, new: rows - invalidIds, invalid: invalidIds, hidden: entry.hiddenRows };
}

describe('roster corpus through the CLI', () => {
  it.each(manifest.map((m) => [m.file, m] as const))('%s: dry run, decisions once per value, import', (_name, entry) => {
    const data = tempDir();
    expect(cli('init', '--data', data, '--county', '230102', '--operator', '张三').code).toBe(0);
    const file = path.join(corpus, entry.file);
    const mapping = path.join(tempDir(), 'mapping.json');

    const dry = cli('import', 'trainees', file, '--data', data, '--dry-run', '--write-mapping', mapping);
    expect(dry.stderr, dry.stderr).toMatch(/^mapping: /m);
    const written = JSON.parse(fs.readFileSync(mapping, 'utf8')) as MappingDocument;
    if (entry.sheets > 1) {
      const read = new RegExp(`^sheet ${entry.sheet} "([^"]+)".*\\(read\\)$`, 'm').exec(dry.stderr);
      expect(read, dry.stderr).not.toBeNull();
      expect(written.sheet).toBe(read![1]);
    } else expect(written.sheet).toBeUndefined();
    if (entry.file.startsWith('02-')) expect(Object.keys(written.set)).toContain('户籍');
    if ('missing' in entry.dryRun) expect(written.values).toEqual([]);
    // The rosters with clerks' platform spellings have values to decide; each listed once with its row count.
    if (entry.file.startsWith('03-') || entry.file.startsWith('13-')) {
      expect(written.values.length).toBeGreaterThan(0);
      expect(new Set(written.values.map((v) => `${v.field}\u0000${v.value}`)).size).toBe(written.values.length);
    }
    fs.writeFileSync(mapping, JSON.stringify(decide(written)));

    const expected = expectedAfterDecisions(entry);
    const checked = cli('import', 'trainees', file, '--data', data, '--dry-run', '--mapping', mapping);
    expect(countsOf(checked.stderr), checked.stderr + checked.stdout.slice(0, 2000)).toEqual(expected);
    expect(checked.stderr).not.toMatch(/undecided/);

    const args = ['import', 'trainees', file, '--data', data, '--mapping', mapping, ...(expected.invalid > 0 ? ['--skip-invalid'] : [])];
    const imported = cli(...args);
    expect(imported.code, imported.stderr + imported.stdout.slice(0, 2000)).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`^imported ${expected.new} trainees`, 'm'));
    // Imported once: the same file again finds every trainee already registered.
    const again = cli('import', 'trainees', file, '--data', data, '--dry-run', '--mapping', mapping);
    expect(again.stderr).toMatch(new RegExp(`^${expected.rows} rows: 0 new, ${expected.new} already recorded`, 'm'));
  }, 300_000);

  it('--sheet beats the sheet the mapping file records', () => {
    const data = tempDir();
    expect(cli('init', '--data', data, '--county', '230102', '--operator', '张三').code).toBe(0);
    const file = path.join(corpus, '08-roster-on-second-sheet.xlsx');
    const mapping = path.join(tempDir(), 'mapping.yaml');
    expect(cli('import', 'trainees', file, '--data', data, '--dry-run', '--write-mapping', mapping).code).toBe(0);
    expect(fs.readFileSync(mapping, 'utf8')).toMatch(/^sheet: 花名册$/m);

    // The file names the roster's tab; moved to another position by the clerk, the name still finds it.
    const byFile = cli('import', 'trainees', file, '--data', data, '--dry-run', '--mapping', mapping);
    expect(byFile.stderr).toMatch(/^sheet 2 "花名册".*\(read\)$/m);
    // A file that names the notes tab (a hand edit): --sheet 2 wins and the roster is read.
    const notesFile = path.join(tempDir(), 'notes.yaml');
    fs.writeFileSync(notesFile, fs.readFileSync(mapping, 'utf8').replace(/^sheet: .*$/m, 'sheet: 填表说明'));
    const onNotes = cli('import', 'trainees', file, '--data', data, '--dry-run', '--mapping', notesFile);
    expect(onNotes.code).not.toBe(0);
    // The refusal lists the sheets as the import page's choice does, the notes tab as the one tried.
    expect(onNotes.stderr).toMatch(/^sheet 1 "填表说明": 3 rows, no header found \(read\)$/m);
    expect(onNotes.stderr).toMatch(/^sheet 2 "花名册": \d+ rows, header names 6 columns$/m);
    const byFlag = cli('import', 'trainees', file, '--data', data, '--dry-run', '--mapping', notesFile, '--sheet', '2');
    expect(byFlag.code, byFlag.stderr).toBe(0);
    expect(byFlag.stderr).toMatch(/^sheet 2 "花名册".*\(read\)$/m);
    expect(byFlag.stderr).toMatch(/^15 rows: 15 new/m);

    // A sheet the workbook does not have, in a hand-edited file: refused, naming the sheets.
    fs.writeFileSync(mapping, fs.readFileSync(mapping, 'utf8').replace(/^sheet: .*$/m, 'sheet: 名单2026'));
    const missing = cli('import', 'trainees', file, '--data', data, '--dry-run', '--mapping', mapping);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr + missing.stdout).toMatch(/名单2026/);
  }, 120_000);
});
