/** Field-level merge by HLC: order-independent winners, ties to the node id, losers reported, clamping. */
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../src-shared/domain/hlc';
import { clampStamp, mergeFields, type StoredRow } from '../../src-server/sync/field-merge';

const at = (ms: number, node: string, counter = 0) => formatHlc({ wallMs: ms, counter }, node);

function apply(ops: Array<{ hlc: string; set: Record<string, unknown> }>): StoredRow {
  let row = null as StoredRow | null;
  for (const op of ops) {
    const merged = mergeFields(row, op.set, op.hlc);
    row = { values: { ...row?.values, ...merged.update }, stamps: merged.stamps, rowHlc: merged.rowHlc };
  }
  return row!;
}

describe('mergeFields', () => {
  const put = { hlc: at(1000, 'a'), set: { name: '甲', phone: '1' } };
  const x = { hlc: at(2000, 'a'), set: { name: '乙' } };
  const y = { hlc: at(2000, 'b'), set: { name: '丙', phone: '2' } };

  it('gives the same row whatever order the ops arrive in; an equal wall time falls to the node id', () => {
    const one = apply([put, x, y]);
    const two = apply([put, y, x]);
    expect(one.values).toEqual(two.values);
    expect(one.values).toEqual({ name: '丙', phone: '2' });
  });

  it('reports the losing value whether it arrives late or is overwritten', () => {
    const base: StoredRow = { values: { name: '乙' }, stamps: { name: x.hlc }, rowHlc: x.hlc };
    expect(mergeFields(base, { name: '丙' }, y.hlc).conflicts).toEqual([expect.objectContaining({ field: 'name', lostValue: '乙', keptValue: '丙', incomingLost: false })]);
    const newer: StoredRow = { values: { name: '丙' }, stamps: { name: y.hlc }, rowHlc: y.hlc };
    expect(mergeFields(newer, x.set, x.hlc).conflicts).toEqual([expect.objectContaining({ field: 'name', lostValue: '乙', incomingLost: true })]);
  });

  it('is no conflict when the writer had seen the stored value', () => {
    const base: StoredRow = { values: { name: '甲' }, stamps: { name: put.hlc }, rowHlc: put.hlc };
    const merged = mergeFields(base, { name: '丁' }, at(3000, 'b'), { baseHlc: put.hlc });
    expect(merged.update).toEqual({ name: '丁' });
    expect(merged.conflicts).toEqual([]);
  });

  it('clamps a stamp from the future to server time, keeping counter and node', () => {
    expect(clampStamp(at(5_000, 'b', 3), 4_000)).toEqual({ stamp: at(4_000, 'b', 3), clamped: true });
    expect(clampStamp(at(3_000, 'b'), 4_000)).toEqual({ stamp: at(3_000, 'b'), clamped: false });
  });
});
