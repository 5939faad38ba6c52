/**
 * "注册日期不能晚于今天" judges today in China: between 00:00 and 08:00 China time a process on UTC is still on
 * the previous day, and the form (in China's zone) offers the wall-clock date as its default.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';

const base = { idNumber: '230102199003070015', name: '李四', phone: '13812345678', categories: ['rural_migrant'], ruralHukou: true };

describe('registration date against China’s today', () => {
  afterEach(() => vi.useRealTimers());

  it('takes China’s date at 04:00 China time (20:00 UTC the day before) and refuses the day after it', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T20:00:00Z'));
    expect(traineeCreateInput.safeParse({ ...base, registeredAt: '2026-12-04' }).success).toBe(true);
    const after = traineeCreateInput.safeParse({ ...base, registeredAt: '2026-12-05' });
    expect(after.success).toBe(false);
    expect(after.error?.issues.map((i) => i.message)).toContain('注册日期不能晚于今天，请核对后重新填写');
  });
});
