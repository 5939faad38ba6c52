/**
 * The province a server serves (issue #15 item 7): Heilongjiang for a store set up before the setting, any mainland
 * province by `server-admin init --province`, never a change once counties of the old province are in; enrolment
 * codes only for county-level units of it.
 */
import { expect, it } from 'vitest';
import { enrollableCounty, serverProvince, setServerProvince } from '../../src-server/settings/server-province';
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
