import { describe, expect, it } from 'vitest';
import { ServerReachability } from '../../src-main/core/sync/server-reachability';

const URL_A = 'https://sync.example.gov.cn';

function harness(answers: boolean[]) {
  let clock = 0;
  let changes = 0;
  const asked: string[] = [];
  const reachability = new ServerReachability({
    maxAgeMs: 1000,
    now: () => clock,
    onChange: () => changes++,
    check: async (url) => {
      asked.push(url);
      const answer = answers.shift();
      if (answer === undefined) throw new Error('network down');
      return answer;
    },
  });
  return { reachability, asked, changes: () => changes, advance: (ms: number) => (clock += ms) };
}

describe('ServerReachability', () => {
  it('is null without a server and never asks', () => {
    const h = harness([true]);
    expect(h.reachability.current(null)).toBeNull();
    expect(h.asked).toEqual([]);
  });

  it('answers null at first, then what the health check said, asking again only when stale', async () => {
    const h = harness([true, false]);
    expect(h.reachability.current(URL_A)).toBeNull();
    await h.reachability.settled();
    expect(h.reachability.current(URL_A)).toBe(true);
    expect(h.asked).toHaveLength(1);
    h.advance(1001);
    expect(h.reachability.current(URL_A)).toBe(true);
    await h.reachability.settled();
    expect(h.reachability.current(URL_A)).toBe(false);
    expect(h.asked).toHaveLength(2);
    expect(h.changes()).toBe(2);
  });

  it('counts a failing check as offline', async () => {
    const h = harness([]);
    h.reachability.current(URL_A);
    await h.reachability.settled();
    expect(h.reachability.current(URL_A)).toBe(false);
  });

  it('takes a sync run as fresh news and says so only when the answer changes', () => {
    const h = harness([]);
    h.reachability.record(URL_A, true);
    h.reachability.record(URL_A, true);
    expect(h.reachability.current(URL_A)).toBe(true);
    expect(h.asked).toEqual([]);
    expect(h.changes()).toBe(1);
  });

  it('forgets the answer for another server after re-enrolment', async () => {
    const h = harness([false]);
    h.reachability.record(URL_A, true);
    expect(h.reachability.current('https://other.example.gov.cn')).toBeNull();
    await h.reachability.settled();
    expect(h.reachability.current('https://other.example.gov.cn')).toBe(false);
  });

  it('lets a sync run that finished during a slow health check win over that check', async () => {
    let answer: (online: boolean) => void = () => undefined;
    let clock = 0;
    const reachability = new ServerReachability({ now: () => clock, check: () => new Promise<boolean>((resolve) => (answer = resolve)) });
    reachability.current(URL_A);
    clock = 10;
    reachability.record(URL_A, true);
    answer(false);
    await reachability.settled();
    expect(reachability.current(URL_A)).toBe(true);
  });
});
