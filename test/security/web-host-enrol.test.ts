/**
 * Issue #18, item 1: whoever reached `sync.enrol` could point an enrolled PC at a server of their choosing, and the
 * county's next sync went there. Replacing an enrolment now needs the clerk's explicit confirmation; without it the
 * call is refused before any server is contacted (so the new one-time code is not used up) and names the current
 * server and county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { createTestServerDb, type TestServerDb } from '../support/server-db';
import { issueCode, startTestServer, type TestServer } from '../support/sync-harness';
import { openTempApp, type TempApp } from '../support/temp-app';

let pc: TempApp;
let firstStore: TestServerDb;
let first: TestServer;
let secondStore: TestServerDb;
let second: TestServer;

beforeAll(async () => {
  pc = await openTempApp();
  firstStore = await createTestServerDb('sqlite');
  first = await startTestServer(firstStore.db);
  secondStore = await createTestServerDb('sqlite');
  second = await startTestServer(secondStore.db);
});

afterAll(async () => {
  await pc.dispose();
  await first.close();
  await firstStore.dispose();
  await second.close();
  await secondStore.dispose();
});

async function stored(): Promise<{ serverUrl: string | null; deviceToken: string | null }> {
  const settings = new SettingsRepository(pc.context.db);
  return { serverUrl: await settings.get<string>('serverUrl'), deviceToken: await settings.get<string>('deviceToken') };
}

describe('replacing an enrolment', () => {
  it('enrols a PC that is not enrolled without asking (the control)', async () => {
    const result = await pc.context.invoke('sync.enrol', { serverUrl: first.url, code: await issueCode(firstStore.db, '230102') });
    expect(result).toMatchObject({ ok: true, data: { serverUrl: first.url } });
  });

  it('refuses to replace the enrolment without the confirmation, naming the current server, and contacts nobody', async () => {
    const before = await stored();
    const code = await issueCode(secondStore.db, '230102');
    const result = await pc.context.invoke('sync.enrol', { serverUrl: second.url, code });
    expect(result).toMatchObject({ ok: false, error: { code: 'ALREADY_ENROLLED', details: { serverUrl: first.url, countyCode: '230102' } } });
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error.message).toContain(first.url);
    expect(await stored()).toEqual(before);
    // The new server never saw the code: it is still unused and works once the clerk confirms.
    expect(await secondStore.db('devices').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
    const confirmed = await pc.context.invoke('sync.enrol', { serverUrl: second.url, code, replaceExisting: true });
    expect(confirmed).toMatchObject({ ok: true, data: { serverUrl: second.url } });
    expect((await stored()).serverUrl).toBe(second.url);
    expect((await stored()).deviceToken).not.toBe(before.deviceToken);
  });

  it('refuses a confirmation flag that is not literally true', async () => {
    const code = await issueCode(firstStore.db, '230102');
    for (const replaceExisting of ['true', 1, 'yes']) {
      const result = await pc.context.invoke('sync.enrol', { serverUrl: first.url, code, replaceExisting });
      expect(result, String(replaceExisting)).toMatchObject({ ok: false });
    }
    expect((await stored()).serverUrl).toBe(second.url);
  });
});
