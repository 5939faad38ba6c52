import { describe, expect, it } from 'vitest';
import { ageWarning, dateWarnings } from '../../src-shared/domain/date-checks';

const context = { today: '2020-05-10', campaignStart: '2020-04-01' };

describe('date warnings', () => {
  it('is silent for a date inside the campaign up to today', () => {
    expect(dateWarnings('注册日期', '2020-04-01', context)).toEqual([]);
    expect(dateWarnings('注册日期', '2020-05-10', context)).toEqual([]);
  });
  it('warns before the campaign and after today', () => {
    expect(dateWarnings('注册日期', '2002-04-05', context)).toEqual(['注册日期 2002-04-05 早于本次行动开始日期（2020-04-01），请确认年份和月份没有写错']);
    expect(dateWarnings('开始日期', '2020-05-11', context)).toEqual(['开始日期 2020-05-11 晚于今天（2020-05-10），请确认没有写错']);
  });
});

describe('age warnings', () => {
  it('is silent from the 16th birthday to 65', () => {
    expect(ageWarning('2004-04-05', '2020-04-05')).toBeNull();
    expect(ageWarning('1955-04-06', '2020-04-05')).toBeNull();
  });
  it('warns for a child, for someone over 65, and for a registration before the birth', () => {
    expect(ageWarning('2019-03-01', '2020-04-05')).toBe('按身份证号，注册时 1 岁，不在 16-65 岁之间，请确认身份证号和注册日期没有写错');
    expect(ageWarning('2004-04-06', '2020-04-05')).toContain('注册时 15 岁');
    expect(ageWarning('1954-04-05', '2020-04-05')).toContain('注册时 66 岁');
    expect(ageWarning('2021-01-01', '2020-04-05')).toContain('注册时尚未出生');
  });
});
