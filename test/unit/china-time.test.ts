import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime, chinaDateTimeSeconds, chinaToday } from '../../src-shared/format/china-time';

describe('dates and times shown in China time', () => {
  it('shows the China date of a UTC instant before 08:00 (the previous UTC day is not the clerk\'s day)', () => {
    expect(chinaDate('2020-04-04T23:30:00.000Z')).toBe('2020-04-05');
    expect(chinaDateTime('2020-04-04T23:30:00.000Z')).toBe('2020-04-05 07:30');
    expect(chinaDate('2020-04-05T15:59:59Z')).toBe('2020-04-05');
    expect(chinaDate('2020-04-05T16:00:00Z')).toBe('2020-04-06');
  });
  it('crosses month and year ends, and reads offsets, numbers and Dates', () => {
    expect(chinaDateTimeSeconds('2020-12-31T16:00:05Z')).toBe('2021-01-01 00:00:05');
    expect(chinaDate('2020-02-28T20:00:00Z')).toBe('2020-02-29');
    expect(chinaDateTime('2020-04-05T10:00:00+08:00')).toBe('2020-04-05 10:00');
    expect(chinaDate(Date.UTC(2020, 3, 4, 22))).toBe('2020-04-05');
    expect(chinaDate(new Date(Date.UTC(2020, 3, 4, 22)))).toBe('2020-04-05');
  });
  it('shows a dash instead of Invalid Date', () => {
    expect(chinaDate(null)).toBe('—');
    expect(chinaDateTime(undefined)).toBe('—');
    expect(chinaDateTime('not a time')).toBe('—');
  });
  it('knows today in China from a UTC clock', () => {
    expect(chinaToday(Date.UTC(2026, 11, 2, 20))).toBe('2026-12-03');
  });
});
