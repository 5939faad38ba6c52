import { describe, expect, it } from 'vitest';
import { fitColumns, type FittedColumn } from '../../src-renderer/shared/fit-columns';

const columns: Array<FittedColumn<{ key: string }>> = [
  { column: { key: 'name' }, width: 100, priority: 0, grow: true },
  { column: { key: 'id' }, width: 200, priority: 1 },
  { column: { key: 'sex' }, width: 50, priority: 6 },
  { column: { key: 'allowance' }, width: 100, priority: 2 },
  { column: { key: 'platform' }, width: 150, priority: 2, grow: true },
];

const keys = (fitted: Array<{ key: string }>) => fitted.map((c) => c.key);
const total = (fitted: Array<{ width: number }>) => fitted.reduce((sum, c) => sum + c.width, 0);

describe('fitColumns', () => {
  it('keeps every column in its own order when there is room, and gives the spare width to the growing ones', () => {
    const fitted = fitColumns(columns, 700);
    expect(keys(fitted)).toEqual(['name', 'id', 'sex', 'allowance', 'platform']);
    expect(total(fitted)).toBe(700);
    expect(fitted.find((c) => c.key === 'name')!.width).toBe(150);
    expect(fitted.find((c) => c.key === 'id')!.width).toBe(200);
  });

  it('folds the least important columns first, and fills a gap with a narrow one that still fits', () => {
    const fitted = fitColumns(columns, 460);
    // name, id, allowance = 400; platform (150) does not fit, sex (50) does.
    expect(keys(fitted)).toEqual(['name', 'id', 'sex', 'allowance']);
    expect(total(fitted)).toBe(460);
  });

  it('never drops a priority-0 column, even when nothing fits', () => {
    expect(keys(fitColumns(columns, 10))).toEqual(['name']);
    expect(fitColumns(columns, 10)[0]!.width).toBe(100);
  });
});
