/**
 * The field tables (src-shared/fields) against everything that used to list the fields by hand: the zod
 * schemas, the entry form's labels, the server's fast path and apply columns, the import sheet and the
 * history and conflict labels. Every check walks the table, so a field added to the table (or to the
 * schema) without the rest fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../src-shared/domain/dates';
import { writableFields, type SyncedField } from '../../src-shared/fields/field-spec';
import { ENROLMENT_TABLE } from '../../src-shared/fields/enrolment-fields';
import { TRAINEE_TABLE } from '../../src-shared/fields/trainee-fields';
import { enrolmentCreateInput } from '../../src-shared/schemas/enrolment';
import { FIELD_LABELS, TRAINEE_FIELDS, TRAINEE_SHEET } from '../../src-shared/schemas/import';
import { traineeCreateInput, traineeSchema, traineeUpdateInput } from '../../src-shared/schemas/trainee';
import { matchHeader, REQUIRED_FIELDS } from '../../src-main/core/import/headers';
import { templateColumns } from '../../src-main/core/import/template';
import { buildDirectory, parseTraineeRow } from '../../src-main/core/import/row-parse';
import { categoryName, type PersonCategory } from '../../src-shared/domain/categories';
import { TRAINEE_COLUMN_FIELDS } from '../../src-main/core/services/trainee-mapper';
import { fastEnrolmentPut, fastTraineePut } from '../../src-server/sync/payload-fast-path';
import { parseEnrolmentPut, traineePutPayload } from '../../src-server/sync/op-payloads';
import { fieldLabel } from '../../src-renderer/features/trainees/history-labels';
import { fieldSamples, samplePayload } from '../support/field-samples';
import { recordConflicts } from '../../src-server/sync/conflict-log';
import { ephemeralPersonalData } from '../../src-server/secrets/personal-data';
import type { FeedItemInput } from '../../src-server/repositories/feed-repository';
import type { Knex } from 'knex';

const ID = '0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8091';
const REFS = { references: ['0193a5b2-7c1d-7e2f-9a3b-4c5d6e7f8092', '0193a5b2-7c1d-7e2f-9a3b-4c5d6e7f8093'] as const };
const names = (table: readonly SyncedField[]) => table.map((f) => f.field).sort();

/** `<Form.Item name="x" label="y"` pairs of a form's components, read from their sources. */
function formLabels(files: readonly string[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const file of files) {
    const source = fs.readFileSync(path.join(__dirname, '../..', file), 'utf8');
    for (const m of source.matchAll(/<Form\.Item\s+name="(\w+)"\s+label="([^"]+)"/g)) labels.set(m[1]!, m[2]!);
  }
  return labels;
}

/** The trainee form: its fields, and 注册日期 in a component of its own (the typed-date reader and its warnings). */
const TRAINEE_FORM = ['src-renderer/features/trainees/TraineeFormFields.tsx', 'src-renderer/features/trainees/RegisteredAtField.tsx'];

describe('field tables', () => {
  it('list exactly the fields of the zod schemas, each with a distinct column', () => {
    expect(names(writableFields(TRAINEE_TABLE))).toEqual(Object.keys(traineeCreateInput.shape).sort());
    expect(names(writableFields(TRAINEE_TABLE))).toEqual(Object.keys(traineeUpdateInput.shape.patch.shape).sort());
    // Derived fields are part of what the PC presents (the output schema), not of what it accepts.
    for (const f of TRAINEE_TABLE) expect(Object.keys(traineeSchema.shape)).toContain(f.field);
    expect(names(ENROLMENT_TABLE)).toEqual(Object.keys(enrolmentCreateInput.shape).sort());
    for (const table of [TRAINEE_TABLE, ENROLMENT_TABLE]) {
      expect(new Set(table.map((f) => f.column)).size).toBe(table.length);
      expect(new Set(table.map((f) => f.field)).size).toBe(table.length);
    }
  });

  it('label every field with the entry form’s own word', () => {
    const forms: Array<[readonly SyncedField[], readonly string[]]> = [
      [TRAINEE_TABLE, TRAINEE_FORM],
      [ENROLMENT_TABLE, ['src-renderer/features/enrolments/CourseFields.tsx']],
    ];
    for (const [table, files] of forms) {
      const labels = formLabels(files);
      expect(labels.size).toBeGreaterThan(3);
      for (const f of table) if (labels.has(f.field)) expect(f.label, `${f.field} in ${files.join(', ')}`).toBe(labels.get(f.field));
    }
    // Every writable trainee field is on the form (derived ones and the trainee of a record are not).
    const trainee = formLabels(TRAINEE_FORM);
    for (const f of writableFields(TRAINEE_TABLE)) expect(trainee.has(f.field), f.field).toBe(true);
  });

  it('give the history, the import sheet and the desktop row the table’s names and labels', () => {
    for (const f of TRAINEE_TABLE) expect(fieldLabel(f.field)).toBe(f.label);
    const table: readonly SyncedField[] = TRAINEE_TABLE;
    for (const f of table) if (!f.storedApart) expect(TRAINEE_COLUMN_FIELDS[f.column]).toBe(f.field);
    const sheet = table.filter((f) => f.sheet);
    expect(TRAINEE_FIELDS).toHaveLength(sheet.length);
    expect(templateColumns('trainees').map((c) => c.header)).toEqual(TRAINEE_SHEET.map((c) => c.spec.label));
    for (const column of TRAINEE_SHEET) {
      expect(FIELD_LABELS[column.name]).toBe(column.spec.label);
      // The label is always read back as its field; every synonym too (synonyms are for reading only).
      expect(matchHeader('trainees', column.spec.label)).toBe(column.name);
      for (const synonym of column.synonyms) expect(matchHeader('trainees', synonym), synonym).toBe(column.name);
      expect(REQUIRED_FIELDS.trainees.includes(column.name)).toBe(column.required === true);
    }
  });

  it('let the server’s fast path take every writable trainee field from the payload, as zod does', () => {
    const samples = fieldSamples(TRAINEE_TABLE, REFS);
    const base = { id: ID, ...samplePayload(samples, 0) };
    expect(fastTraineePut(base, todayIso())?.value).toEqual(traineePutPayload.parse(base));
    for (const spec of writableFields(TRAINEE_TABLE)) {
      const changed = { ...base, [spec.field]: samples.get(spec.field)![1] };
      const fast = fastTraineePut(changed, todayIso());
      expect(fast, spec.field).not.toBeNull();
      expect(fast!.value, spec.field).toEqual(traineePutPayload.parse(changed));
      expect((fast!.value as Record<string, unknown>)[spec.field], spec.field).toEqual(samples.get(spec.field)![1]);
      const left = { ...base } as Record<string, unknown>;
      delete left[spec.field];
      if (spec.absent === 'required') expect(fastTraineePut(left, todayIso()), spec.field).toBeNull();
      else expect(fastTraineePut(left, todayIso())?.value, spec.field).toEqual(traineePutPayload.parse(left));
    }
  });

  it('let the server’s fast path take every training record field from the payload, as zod does', () => {
    const samples = fieldSamples(ENROLMENT_TABLE, REFS);
    const base = { id: ID, ...samplePayload(samples, 0) };
    expect(fastEnrolmentPut(base)).toEqual(parseEnrolmentPut(base).data);
    for (const spec of writableFields(ENROLMENT_TABLE)) {
      const changed = { ...base, [spec.field]: samples.get(spec.field)![1] };
      const fast = fastEnrolmentPut(changed);
      expect(fast, spec.field).toEqual(parseEnrolmentPut(changed).data);
      expect((fast as unknown as Record<string, unknown>)[spec.field], spec.field).toEqual(samples.get(spec.field)![1]);
    }
  });

  it('round-trip every value through its codec (payload -> column -> payload)', () => {
    for (const table of [TRAINEE_TABLE, ENROLMENT_TABLE]) {
      const samples = fieldSamples(table, REFS);
      for (const spec of writableFields(table)) {
        for (const value of samples.get(spec.field)!) expect(spec.codec.fromColumn(spec.codec.toColumn(value)), spec.field).toEqual(value);
      }
    }
  });

  it('name each field of a conflict notice with the form’s word (was 手机号, 登记日期, 培训平台, 农村户籍)', async () => {
    const feed: FeedItemInput[] = [];
    const trx = (() => ({ insert: async () => undefined })) as unknown as Knex.Transaction;
    const ctx = { countyCode: '230102', entityId: ID, opId: ID, now: '2026-12-03T00:00:00.000Z' };
    for (const [entity, table] of [['trainee', TRAINEE_TABLE], ['enrolment', ENROLMENT_TABLE]] as const) {
      const conflicts = writableFields(table).map((f) => ({ field: f.column, keptValue: 1, keptHlc: 'b', lostValue: 0, lostHlc: 'a', incomingLost: true }));
      await recordConflicts(trx, { ...ctx, entity }, conflicts, feed, ephemeralPersonalData());
      const body = String((feed.at(-1)!.payload as { body: string }).body);
      for (const f of writableFields(table)) expect(body, f.field).toContain(`“${f.label}”`);
    }
    const trainee = String((feed[0]!.payload as { body: string }).body);
    expect(trainee).toContain('“户籍”保留为 农村');
    expect(trainee).not.toMatch(/手机号|登记日期|培训平台|农村户籍/);
  });

  it('let the import read every sheet field of a trainee back into the contract’s value', () => {
    const samples = fieldSamples(TRAINEE_TABLE, REFS);
    const directory = buildDirectory(REFS.references.map((id, i) => ({ id, name: `平台${i + 1}` })), []);
    const map = { headerRow: 1, headers: TRAINEE_SHEET.map((c) => c.spec.label), fields: TRAINEE_SHEET.map((c) => c.name) };
    for (const which of [0, 1] as const) {
      const expected = samplePayload(samples, which);
      // Each value written the way a county sheet (and this app's export) writes it.
      const cells = TRAINEE_SHEET.map((c) => {
        const value = expected[c.spec.field];
        if (c.spec.display === 'categories') return (value as PersonCategory[]).map(categoryName).join('、');
        if (c.spec.display === 'hukou') return value === null ? '待补充' : value ? '农村' : '城镇';
        if (c.spec.display === 'reference') return `平台${REFS.references.indexOf(value as never) + 1}`;
        return value as string;
      });
      const parsed = parseTraineeRow(map, cells, directory);
      expect(parsed.ok).toBe(true);
      // Categories are a set (the import lists them in the catalogue's order).
      const norm = (v: unknown) => (Array.isArray(v) ? [...(v as string[])].sort() : v);
      for (const spec of writableFields(TRAINEE_TABLE)) expect(norm((parsed as { value: Record<string, unknown> }).value[spec.field]), spec.field).toEqual(norm(expected[spec.field]));
    }
  });
});
