/**
 * Malformed and truncated .xlsx/.csv bytes: every one ends in a clean value (a dry run, or a VALIDATION error with
 * a Chinese message), never a crash, and nothing is written before a commit; a commit is all or nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportDryRun } from '../../src-shared/schemas/import';
import { openTempApp, validIdNumber, type TempApp } from '../support/temp-app';
import { csvBytes, dryRunBytes, liveTrainees, xlsxBytes, type SheetSpec } from './import-fixtures';

let app: TempApp;
let xlsx: Buffer;
let csv: Buffer;
const spec: SheetSpec = {
  titles: ['学员名单'],
  header: ['姓名', '身份证号', '手机', '人员类别', '户籍', '注册日期'],
  rows: Array.from({ length: 40 }, (_, i) => ['张三', validIdNumber('19900101', i), '13800138000', '失业人员', '农村', 43922 + i]),
};

beforeAll(async () => {
  app = await openTempApp();
  xlsx = await xlsxBytes(spec);
  csv = csvBytes(spec, 'gbk');
});
afterAll(async () => {
  await app.dispose();
});

/** A mutation of a good file: cut at a point, bytes overwritten, or a slice dropped. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('flip' as const), edits: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }) }),
  fc.record({ kind: fc.constant('splice' as const), from: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 2000 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(source: Buffer, m: Mutation): Buffer {
  if (m.kind === 'truncate') return source.subarray(0, Math.floor(source.length * m.at));
  if (m.kind === 'splice') {
    const from = Math.floor(source.length * m.from);
    return Buffer.concat([source.subarray(0, from), source.subarray(from + m.length)]);
  }
  const copy = Buffer.from(source);
  for (const [where, value] of m.edits) copy[Math.min(copy.length - 1, Math.floor(copy.length * where))] = value;
  return copy;
}

describe('damaged files', () => {
  for (const [label, source] of [['xlsx', () => xlsx], ['csv', () => csv]] as const) {
    it(`${label}: every mutation ends in a clean value, and a commit is all or nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          const before = await liveTrainees(app.context);
          const result = await dryRunBytes(app.context, mutate(source(), m), 'trainees');
          expect(await liveTrainees(app.context)).toBe(before);
          if (!result.ok) {
            expect(result.error.code).toBe('VALIDATION');
            expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/);
            return;
          }
          const dry = result.data as ImportDryRun;
          const commit = await app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: true });
          const after = await liveTrainees(app.context);
          if (commit.ok && dry.missingFields.length === 0) expect(after - before).toBe((commit.data as { imported: number }).imported);
          else expect(after).toBe(before);
          // Keep the store small and the next iteration meaningful.
          await app.context.db('trainee_categories').delete();
          await app.context.db('outbox').delete();
          await app.context.db('trainees').delete();
        }),
        { numRuns: label === 'xlsx' ? 60 : 100 },
      );
    }, 120_000);
  }
});
