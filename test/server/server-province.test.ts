/**
 * The province a server serves (issue #15 item 7): Heilongjiang for a store set up before the setting, any mainland
 * province by `server-admin init --province`, never a change once counties of the old province are in; enrolment
 * codes only for county-level units of it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { migrateServer, openServerDatabase } from '../../src-server/db';
import { enrollableCounty, serverProvince, serverTarget, setServerProvince } from '../../src-server/settings/server-province';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { createTestServerDb, describeEachServerDb } from '../support/server-db';

describeEachServerDb('the server province', (kind) => {
  it('defaults to Heilongjiang, takes any mainland province, refuses other codes', async () => {
    const store = await createTestServerDb(kind);
    try {
      expect((await serverProvince(store.db)).code).toBe('230000');
      for (const bad of ['230100', '710000', '990000', 'abc']) expect(await setServerProvince(store.db, bad)).toMatchObject({ ok: false });
      expect(await setServerProvince(store.db, '410000')).toMatchObject({ ok: true, value: { name: '河南省' } });
      expect((await serverProvince(store.db)).name).toBe('河南省');
      expect(await enrollableCounty(store.db, '419001')).toMatchObject({ ok: true, value: { name: '济源市' } });
      expect(await enrollableCounty(store.db, '410102')).toMatchObject({ ok: true });
      const foreign = await enrollableCounty(store.db, '230102');
      expect(foreign).toMatchObject({ ok: false, message: expect.stringContaining('河南省') });
      expect(await enrollableCounty(store.db, '410100')).toMatchObject({ ok: false });
    } finally {
      await store.dispose();
    }
  });

  it('keeps its province once a county of it has an enrolment code, and allows setting the same one again', async () => {
    const store = await createTestServerDb(kind);
    try {
      await new DeviceRepository(store.db).issueCode('230102', null);
      const refused = await setServerProvince(store.db, '110000');
      expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('230102') });
      expect((await serverProvince(store.db)).code).toBe('230000');
      expect(await setServerProvince(store.db, '230000')).toMatchObject({ ok: true });
    } finally {
      await store.dispose();
    }
  });
});

it('server-admin init sets the province and its target; a bad --target changes nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-province-'));
  const file = path.join(dir, 'server.sqlite');
  const admin = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/skills-desk.js'), 'server-admin', 'init', '--db', file, ...args], { encoding: 'utf8' });
  try {
    const bad = admin('--province', '410000', '--target', '25万');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--target');
    const set = admin('--province', '410000', '--target', '250000');
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain('This server serves 河南省 (410000); target 250,000 registrations.');
    const again = admin('--province', '410000', '--target', '0');
    expect(again.status).toBe(1);
    const db = openServerDatabase(file);
    try {
      await migrateServer(db);
      expect((await serverProvince(db)).code).toBe('410000');
      expect(await serverTarget(db)).toBe(250_000);
    } finally {
      await db.destroy();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
