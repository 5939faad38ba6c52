/**
 * The columnar push body (schema version 2): whatever ops a PC holds come out of encode → JSON →
 * decode exactly as they went in, and a body whose columns do not add up is refused, never guessed at.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidV7 } from '../../src-main/core/uuid-v7';
import { formatHlc } from '../../src-shared/domain/hlc';
import type { PushRequest, SyncOp } from '../../src-shared/sync-protocol';
import { decodeColumn, encodeColumn, encodePushRequest, pushBodyOpIds, readPushBody } from '../../src-shared/sync-wire';

const roundTrip = (values: unknown[]) => decodeColumn(JSON.parse(JSON.stringify(encodeColumn(values))), values.length);

const jsonValue = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const uuid = fc.oneof(fc.uuid(), fc.constant(null).map(() => uuidV7()));
const opArb = fc.record({
  opId: uuid,
  entity: fc.constantFrom('trainee', 'enrolment', 'platform', 'dispatch_report'),
  entityId: fc.oneof(uuid, fc.string({ minLength: 1, maxLength: 64 })),
  op: fc.constantFrom('put', 'patch', 'delete'),
  hlc: fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 0, max: 99_999 }), fc.constantFrom('node-a', 'b:c')).map(([w, c, n]) => formatHlc({ wallMs: w, counter: c }, n)),
    fc.string({ minLength: 1, maxLength: 120 }),
  ),
  operatorId: fc.option(fc.string({ maxLength: 64 })),
  createdAt: fc.oneof(fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 40 })),
  payload: fc.dictionary(fc.constantFrom('id', 'name', 'idNumber', 'hours', 'createdAt', 'traineeId', 'x y', 'constructor'), fc.oneof(jsonValue, uuid, fc.integer())),
});

function request(ops: Array<Omit<SyncOp, 'seq'>>, gaps: number[]): PushRequest {
  let seq = 0;
  const withSeq = ops.map((op, i) => ({ ...op, seq: (seq += 1 + (gaps[i % gaps.length] ?? 0)) }));
  return { schemaVersion: 2, batchId: uuidV7(), deviceId: 'pc', prevSeq: null, firstSeq: withSeq[0]!.seq, lastSeq: withSeq[withSeq.length - 1]!.seq, createdAt: new Date(0).toISOString(), ops: withSeq };
}

describe('push wire format v2', () => {
  it('gives back exactly the ops it was given', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(3), { minLength: 1 }), (ops, gaps) => {
        const original = request(ops, gaps);
        const json: unknown = JSON.parse(JSON.stringify(encodePushRequest(original)));
        expect(readPushBody(json)).toEqual({ ok: true, request: original });
        const ids = original.ops.map((o) => o.opId);
        expect(pushBodyOpIds(json)).toEqual(ids);
        expect(pushBodyOpIds(JSON.parse(JSON.stringify({ ...original, schemaVersion: 1 })))).toEqual(ids);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every column kind, nulls and edge values included', () => {
    const ids = [uuidV7(), uuidV7(), null, uuidV7(1), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
    for (const values of [ids, [1, -5, Number.MAX_SAFE_INTEGER, 0], ['2020-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'], ['a', 'a', 'b', 'a', null, 'a', 'a', 'a'], [1.5, 'x', null, { a: [1] }]]) {
      expect(roundTrip(values)).toEqual(values);
    }
  });

  it('writes timestamps back exactly as toISOString does, and leaves impossible dates as they came', () => {
    fc.assert(
      fc.property(fc.array(fc.date({ min: new Date('1000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), { minLength: 1, maxLength: 20 }), (dates) => {
        const values = dates.map((d) => d.toISOString());
        expect(encodeColumn(values)[0]).toBe('t');
        expect(roundTrip(values)).toEqual(values);
      }),
      { numRuns: 300 },
    );
    const edges = ['2000-02-29T00:00:00.000Z', '1900-02-28T23:59:59.999Z', '1000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z'];
    expect(encodeColumn(edges)[0]).toBe('t');
    expect(roundTrip(edges)).toEqual(edges);
    for (const impossible of ['2021-02-29T00:00:00.000Z', '2020-13-01T00:00:00.000Z', '2020-01-01T24:00:00.000Z', '0999-01-01T00:00:00.000Z']) {
      expect(encodeColumn([impossible])[0]).not.toBe('t');
      expect(roundTrip([impossible])).toEqual([impossible]);
    }
  });

  it('sends consecutive ids and stamps as small deltas', () => {
    const ids = Array.from({ length: 100 }, () => uuidV7(1_700_000_000_000));
    const text = JSON.stringify(encodeColumn(ids));
    expect(text.length).toBeLessThan(500); // as strings: 3,800

    expect(roundTrip(ids)).toEqual(ids);
  });

  it('refuses columns that do not add up, without guessing', () => {
    const good = encodePushRequest(request([{ opId: uuidV7(), entity: 'trainee', entityId: uuidV7(), op: 'put', hlc: formatHlc({ wallMs: 5, counter: 0 }, 'n'), operatorId: null, createdAt: '', payload: { a: 1 } }], [0]));
    const broken = (edit: (body: typeof good) => void) => {
      const body = JSON.parse(JSON.stringify(good)) as typeof good;
      edit(body);
      return readPushBody(body);
    };
    expect(broken(() => undefined).ok).toBe(true);
    expect(broken((b) => (b.count = 2)).ok).toBe(false);
    expect(broken((b) => (b.ops.seq = ['d', 1, 1])).ok).toBe(false);
    expect(broken((b) => (b.ops.opId = ['u', 5, 3])).ok).toBe(false); // a tail delta with no base
    expect(broken((b) => (b.ops.opId = ['u', 2 ** 50, 'abc'])).ok).toBe(false);
    expect(broken((b) => (b.ops.entity = ['k', ['trainee'], ['d', 4]])).ok).toBe(false);
    expect(broken((b) => (b.ops.op = ['v', 'drop'])).ok).toBe(false);
    expect(broken((b) => (b.ops.shape = ['d', 1])).ok).toBe(false);
    expect(broken((b) => (b.shapes[0]!.keys = ['__proto__'])).ok).toBe(false);
    expect(broken((b) => (b.shapes[0]!.columns = [['x', 1]])).ok).toBe(false);
    expect(broken((b) => (b.ops.hlc = ['h', ['d', -1], ['d', 0], ['v', 'n']])).ok).toBe(false);
    expect(broken((b) => (b.lastSeq = 9)).ok).toBe(false);
    let deep: unknown[] = ['d', 0];
    for (let i = 0; i < 10_000; i++) deep = ['k', [0], deep];
    expect(broken((b) => (b.ops.seq = deep)).ok).toBe(false);
  });
});
