/**
 * Issue #18, item 4: an accepted report must stay what the province accepted. The attack: move the
 * accepted report to another cutoff with new figures (no acceptance there), then move it back (the
 * figures now "unchanged" against the moved copy); or re-put it under another cutoff; or delete it
 * with a payload naming another cutoff. Every op on a report is judged against the stored row (its
 * period, its review), and a report's period never changes after its first put.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OpApplier, type OpOutcome } from '../../src-server/sync/apply-ops';
import { reportsFor } from '../../src-server/staff/report-repository';
import type { SyncOp } from '../../src-shared/sync-protocol';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, asStaff, login } from '../support/staff';
import { startTestServer, type TestServer } from '../support/sync-harness';

const CUTOFF = '2020-04-10';
const OTHER_CUTOFF = '2020-04-24';
const FIGURES = { registeredTrainees: 3, trainingPersonTimes: 3, provincePlatforms: 1, cityPlatforms: 0, nationalPlatforms: 2 };
const INFLATED = { ...FIGURES, registeredTrainees: 300, trainingPersonTimes: 900 };

let stamp = 0;
function op(kind: SyncOp['op'], entityId: string, payload: Record<string, unknown>): SyncOp {
  stamp += 1;
  return { opId: randomUUID(), seq: stamp, entity: 'dispatch_report', entityId, op: kind, hlc: `${String(1_700_000_000_000 + stamp).padStart(15, '0')}:00000:test`, operatorId: null, createdAt: '2020-04-11T01:00:00.000Z', payload };
}

function reportPayload(id: string, countyCode: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, periodId: `local-${CUTOFF}`, cutoffDate: CUTOFF, countyCode, status: 'submitted', computed: { nationalPlatformNames: [] }, adjustments: [], figures: FIGURES, forceReason: null, submittedAt: '2020-04-11T01:00:00.000Z', ...overrides };
}

describeEachServerDb('an accepted report cannot be changed (issue #18 item 4)', (kind) => {
  let store: TestServerDb;
  let server: TestServer;
  let province: string;
  /** Harbin's city account: with review levels (#15) the city accepts its counties' reports. */
  let harbin: string;

  /** Applies one op as a push from `countyCode` does: one transaction, prefetch, apply, flush. */
  function push(countyCode: string, candidate: SyncOp): Promise<OpOutcome> {
    return store.db.transaction(async (trx) => {
      const applier = new OpApplier(trx, countyCode, 'security-test-device', new Date().toISOString());
      await applier.prefetch([candidate]);
      const outcome = await applier.apply(candidate);
      await applier.finish();
      return outcome;
    });
  }

  /** A county's report for CUTOFF, synced and accepted by the province. */
  async function acceptedReport(countyCode: string): Promise<string> {
    const id = randomUUID();
    expect(await push(countyCode, op('put', id, reportPayload(id, countyCode)))).toEqual({ status: 'applied' });
    const accepted = await asStaff(server.app, harbin, { method: 'POST', url: `/api/v1/staff/reports/${countyCode}/${CUTOFF}/accept`, payload: {} });
    expect(accepted.status).toBe(200);
    return id;
  }

  async function standing(countyCode: string): Promise<{ status: string; submitted: typeof FIGURES }> {
    const board = await asStaff(server.app, province, { method: 'GET', url: `/api/v1/staff/board?period=${CUTOFF}` });
    const rollup = await asStaff(server.app, province, { method: 'GET', url: `/api/v1/staff/rollup?period=${CUTOFF}&city=230100` });
    const boardRow = (board.json as { data: { rows: Array<{ countyCode: string; status: string }> } }).data.rows.find((r) => r.countyCode === countyCode)!;
    const rollupRow = (rollup.json as { data: { rows: Array<{ unitCode: string; submitted: typeof FIGURES }> } }).data.rows.find((r) => r.unitCode === countyCode)!;
    return { status: boardRow.status, submitted: rollupRow.submitted };
  }

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    server = await startTestServer(store.db, { staff: { now: () => new Date('2020-04-20T02:00:00Z') } });
    await addStaff(store.db, 'prov', 'province');
    province = await login(server.app, 'prov');
    await addStaff(store.db, 'harbin', 'city', '230100');
    harbin = await login(server.app, 'harbin');
  });
  afterAll(async () => {
    await server.close();
    await store.dispose();
  });

  it('refuses the two-patch attack: cutoff patched away with new figures, then patched back', async () => {
    const id = await acceptedReport('230102');
    const away = await push('230102', op('patch', id, { cutoffDate: OTHER_CUTOFF, figures: INFLATED }));
    const back = await push('230102', op('patch', id, { cutoffDate: CUTOFF, figures: INFLATED }));
    expect(away.status).toBe('rejected');
    expect(back.status).toBe('rejected');
    expect(await standing('230102')).toEqual({ status: 'accepted', submitted: FIGURES });
    expect((await reportsFor(store.db, OTHER_CUTOFF, ['230102'])).size).toBe(0);
  });

  it('refuses a put that re-puts the accepted report under another cutoff', async () => {
    const id = await acceptedReport('230103');
    const moved = await push('230103', op('put', id, reportPayload(id, '230103', { cutoffDate: OTHER_CUTOFF, periodId: `local-${OTHER_CUTOFF}`, figures: INFLATED })));
    expect(moved).toMatchObject({ status: 'rejected' });
    expect((await reportsFor(store.db, CUTOFF, ['230103'])).get('230103')?.figures).toEqual(FIGURES);
    expect((await reportsFor(store.db, OTHER_CUTOFF, ['230103'])).size).toBe(0);
    expect((await standing('230103')).status).toBe('accepted');
  });

  it('refuses a delete of the accepted report, also when the delete names another cutoff', async () => {
    const id = await acceptedReport('230104');
    expect(await push('230104', op('delete', id, { cutoffDate: OTHER_CUTOFF }))).toMatchObject({ status: 'rejected', code: 'PERIOD_CLOSED' });
    expect(await push('230104', op('delete', id, {}))).toMatchObject({ status: 'rejected', code: 'PERIOD_CLOSED' });
    const row = await store.db('county_records').where({ entity: 'dispatch_report', id }).first<{ deleted_at: string | null }>('deleted_at');
    expect(row?.deleted_at).toBeNull();
    expect(await standing('230104')).toEqual({ status: 'accepted', submitted: FIGURES });
  });

  it('keeps a report in the period of its first put, with a reason the clerk can read, accepted or not', async () => {
    const id = randomUUID();
    expect(await push('230108', op('put', id, reportPayload(id, '230108')))).toEqual({ status: 'applied' });
    const moves = [
      op('patch', id, { cutoffDate: OTHER_CUTOFF }),
      op('patch', id, { periodId: `local-${OTHER_CUTOFF}` }),
      op('put', id, reportPayload(id, '230108', { cutoffDate: OTHER_CUTOFF })),
      op('put', id, { ...reportPayload(id, '230108'), cutoffDate: undefined }),
    ];
    for (const move of moves) {
      const outcome = await push('230108', move);
      expect(outcome).toMatchObject({ status: 'rejected', code: 'VALIDATION' });
      expect(outcome.status === 'rejected' && /[\u4e00-\u9fff]/.test(outcome.message)).toBe(true);
    }
    // Changes within the period (the report is not accepted) still go through.
    expect(await push('230108', op('patch', id, { cutoffDate: CUTOFF, figures: INFLATED }))).toEqual({ status: 'applied' });
    expect((await reportsFor(store.db, CUTOFF, ['230108'])).get('230108')?.figures).toEqual(INFLATED);
  });

  // Attack (sec-attack): the "unchanged" test compared only figures and submittedAt, while the roll-up also shows
  // what else the report carries: its national platform names and its forced-submission reason.
  it('refuses a patch or put that changes what else the roll-up reads of an accepted report', async () => {
    const id = await acceptedReport('230109');
    const names = await push('230109', op('patch', id, { computed: { nationalPlatformNames: ['伪造的国家平台'] } }));
    const reason = await push('230109', op('put', id, reportPayload(id, '230109', { forceReason: '补填的理由' })));
    expect(names).toMatchObject({ status: 'rejected', code: 'PERIOD_CLOSED' });
    expect(reason).toMatchObject({ status: 'rejected', code: 'PERIOD_CLOSED' });
    const stored = (await reportsFor(store.db, CUTOFF, ['230109'])).get('230109');
    expect(stored?.nationalPlatformNames).toEqual([]);
    expect(stored?.forceReason).toBeNull();
    // The same report again, unchanged, still passes (a retry, a file imported twice).
    expect(await push('230109', op('put', id, reportPayload(id, '230109')))).toEqual({ status: 'applied' });
  });
});
