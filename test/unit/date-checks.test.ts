import { describe, expect, it } from 'vitest';
import { dateWarnings } from '../../src-shared/domain/date-checks';

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
