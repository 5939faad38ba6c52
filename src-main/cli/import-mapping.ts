/**
 * The command line's way to make the import's decisions: `--set 户籍=城镇` (one value for a column the file lacks),
 * `--map 培训平台:学习强国=“学习强国”技能频道`, `--add-platform 示例平台乙`, `--leave-empty 人员类别:其他`, and a
 * mapping file (JSON or YAML) that `--dry-run --write-mapping FILE` writes with every value to decide and that
 * `--mapping FILE` reads back. Fields and targets are named as a clerk reads them (培训平台, 农村, the platform's
 * name); ids and codes are accepted too. The format is documented in docs/cli.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import {
  fieldLabel,
  VALUE_ACTIONS,
  VALUE_FIELDS,
  type ImportDryRun,
  type ImportField,
  type ImportKind,
  type ValueDecision,
  type ValueField,
} from '../../src-shared/schemas/import';
import { CliError } from '../../src-node/cli-kit';
import { fieldsOf, matchHeader } from '../core/import/headers';
import type { ColumnFill } from '../core/import/row-parse';

/** What the flags and the file decide together: flags after the file, so a flag overrides the file's line. */
export interface ImportChoices {
  fill: ColumnFill;
  decisions: ValueDecision[];
  /** The worksheet the file was written for: a tab name (text) or position (a number); --sheet beats it. */
  sheet?: number | string;
}

/** Words that leave a field unknown (待补充) in `--set 户籍=待补充` or the file's `set:` (an empty value does too). */
const UNKNOWN = new Set(['', '待补充', 'unknown', 'null']);

/** A field by its internal name (ruralHukou), its label (户籍) or a header word the importer knows (户口性质). */
export function fieldFrom(kind: ImportKind, text: string, where: string): ImportField {
  const trimmed = text.trim();
  const direct = fieldsOf(kind).find((f) => f === trimmed || fieldLabel(kind, f) === trimmed);
  const field = direct ?? matchHeader(kind, trimmed);
  if (!field) {
    const names = fieldsOf(kind).map((f) => fieldLabel(kind, f)).join(', ');
    throw new CliError(`import: ${where}: no field "${trimmed}" in a ${kind} import (fields: ${names})`);
  }
  return field;
}

function valueFieldFrom(kind: ImportKind, text: string, where: string): ValueField {
  const field = fieldFrom(kind, text, where);
  const valueField = VALUE_FIELDS.find((f) => f === field);
  if (!valueField) {
    const names = VALUE_FIELDS.filter((f) => fieldsOf(kind).includes(f)).map((f) => fieldLabel(kind, f)).join(', ');
    throw new CliError(`import: ${where}: "${text}" has no fixed list of values (only ${names} do)`);
  }
  return valueField;
}

/** `户籍=城镇` -> ruralHukou: '城镇'; `户籍=` or `户籍=待补充` -> null (left unknown). */
export function parseSetFlag(kind: ImportKind, flag: string): [ImportField, string | null] {
  const at = flag.indexOf('=');
  if (at <= 0) throw new CliError(`import: --set ${flag}: write FIELD=VALUE, e.g. --set 户籍=城镇`);
  const value = flag.slice(at + 1).trim();
  return [fieldFrom(kind, flag.slice(0, at), `--set ${flag}`), UNKNOWN.has(value) ? null : value];
}

/** `培训平台:学习强国=“学习强国”技能频道` (a full-width ：too): the value's rows go to that entry. */
export function parseMapFlag(kind: ImportKind, flag: string): ValueDecision {
  const match = /^([^:：]+)[:：]([^=]+)=(.+)$/.exec(flag);
  if (!match) throw new CliError(`import: --map ${flag}: write FIELD:VALUE=ENTRY, e.g. --map 培训平台:学习强国=“学习强国”技能频道`);
  return { field: valueFieldFrom(kind, match[1]!, `--map ${flag}`), value: match[2]!.trim(), action: 'map', target: match[3]!.trim() };
}

/** `人员类别:其他` (or a bare value for the platform): the field stays empty on the rows with that value. */
export function parseEmptyFlag(kind: ImportKind, flag: string): ValueDecision {
  const match = /^([^:：]+)[:：](.+)$/.exec(flag);
  if (!match) throw new CliError(`import: --leave-empty ${flag}: write FIELD:VALUE, e.g. --leave-empty 培训平台:其他平台`);
  return { field: valueFieldFrom(kind, match[1]!, `--leave-empty ${flag}`), value: match[2]!.trim(), action: 'empty' };
}

const fileEntry = z.object({
  field: z.string().min(1),
  value: z.union([z.string(), z.number()]).transform(String),
  /** Left out or null: not decided yet (the rows stay invalid). */
  action: z.enum(VALUE_ACTIONS).nullish(),
  target: z.union([z.string(), z.number()]).transform(String).nullish(),
  // Written for the clerk's information, ignored when read.
  rows: z.number().optional(),
  remembered: z.boolean().optional(),
  suggestions: z.array(z.unknown()).optional(),
});
const mappingFile = z.object({
  kind: z.enum(['trainees', 'enrolments']).optional(),
  // A name is written (it survives the tabs being reordered); a number is a position, as with --sheet 2.
  sheet: z.union([z.string().trim().min(1), z.number().int().min(1).max(10_000)]).optional(),
  set: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  values: z.array(fileEntry).optional(),
});

/** Reads FILE (.json, .yaml or .yml) into fill values and decisions; every mistake names the file and the entry. */
export function readMappingFile(kind: ImportKind, file: string): ImportChoices {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`import: --mapping ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? yaml.load(text.replace(/^\uFEFF/, ''), { schema: yaml.JSON_SCHEMA }) : JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError(`import: --mapping ${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = mappingFile.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`import: --mapping ${file}: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  if (parsed.data.kind && parsed.data.kind !== kind) {
    throw new CliError(`import: --mapping ${file} is for a ${parsed.data.kind} import, not ${kind}`);
  }
  const fill: ColumnFill = {};
  for (const [name, value] of Object.entries(parsed.data.set ?? {})) {
    // null: not given (as --write-mapping leaves a needed field); 待补充: explicitly unknown.
    if (value === null) continue;
    const text = String(value).trim();
    fill[fieldFrom(kind, name, `--mapping ${file}: set`)] = UNKNOWN.has(text) ? null : text;
  }
  const decisions: ValueDecision[] = [];
  (parsed.data.values ?? []).forEach((entry, index) => {
    const where = `--mapping ${file}: values[${index}] (${entry.field} “${entry.value}”)`;
    if (!entry.action) return;
    const field = valueFieldFrom(kind, entry.field, where);
    if (entry.value.trim() === '') throw new CliError(`import: ${where}: the value is empty`);
    if (entry.action === 'map') {
      if (!entry.target || entry.target.trim() === '') throw new CliError(`import: ${where}: action map needs a target (the entry's name)`);
      decisions.push({ field, value: entry.value, action: 'map', target: entry.target.trim() });
    } else decisions.push({ field, value: entry.value, action: entry.action });
  });
  return { fill, decisions, ...(parsed.data.sheet !== undefined ? { sheet: parsed.data.sheet } : {}) };
}

/**
 * The dry run's decisions to make, as a file to edit and give back with --mapping: every value group (decided ones
 * with their decision, the rest with action null and the suggestions, best first) and the fields the file lacks.
 */
export function writeMappingFile(file: string, summary: ImportDryRun): void {
  const read = summary.sheets.find((s) => s.number === summary.sheet);
  const document = {
    kind: summary.kind,
    // Only a workbook with a choice records it: a CSV or a one-sheet workbook has nothing to choose.
    ...(summary.sheets.length > 1 && read ? { sheet: read.name } : {}),
    set: Object.fromEntries(summary.absentFields.map((f) => [f.label, f.fill ?? (f.mayStayUnknown ? '待补充' : null)])),
    values: summary.values.map((group) => ({
      field: group.label,
      value: group.value,
      rows: group.rows,
      action: group.decision?.action ?? null,
      target: group.decision?.action === 'map' ? group.decision.targetName : null,
      ...(group.decision?.remembered ? { remembered: true } : {}),
      suggestions: group.suggestions.map((s) => `${s.name} (${s.why} ${s.score})`),
    })),
  };
  const yamlFile = /\.ya?ml$/i.test(file);
  const header = yamlFile
    ? '# skills-desk import mapping. For each value choose action: map (target: an entry\'s name), new (platforms only:\n' +
      '# add it as a county platform) or empty (leave the field empty); set: one value for every row of a column the file\n' +
      '# lacks (待补充: leave it unknown); sheet: the worksheet read (its tab name, or a number for its position).\n' +
      '# Then: skills-desk import KIND FILE --mapping THIS_FILE\n'
    : '';
  const body = yamlFile ? yaml.dump(document, { lineWidth: 200, noRefs: true }) : `${JSON.stringify(document, null, 2)}\n`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, header + body, 'utf8');
}
