/**
 * Model-based test of the levels: random sequences of submit / accept / return / city submit /
 * province accept or return / correct / grant over 2 cities (七台河, 4 counties; 大兴安岭, 3) run
 * through the real services and the server's op applier, checked after every step against a small
 * reference model written apart from the state machine. Invariant: a figure the server holds for an
 * accepted county report never changes, and a figure that was accepted changes only after a recorded
 * return or granted correction of that county.
 */
import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countiesOf, HEILONGJIANG_CODE } from '../../src-shared/domain/units';
import { DEFAULT_CAMPAIGN, generatePeriods } from '../../src-shared/domain/periods';
import { reviewCityReport, submitCityReport } from '../../src-server/staff/city-report-service';
import { decideCorrection } from '../../src-server/staff/correction-service';
import { eventsOf, loadCity } from '../../src-server/staff/level-repository';
import { reviewReport } from '../../src-server/staff/review-service';
import type { StaffUser } from '../../src-server/staff/staff-scope';
import { figuresOf, requestCorrection, submitCountyReport } from '../support/level-fixture';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff } from '../support/staff';

const CITIES = ['230900', '232700'] as const;
const COUNTIES = CITIES.flatMap((city) => countiesOf(city).slice(0, 3).map((c) => ({ city, code: c.code })));
const NOW = new Date('2020-06-30T02:00:00Z');

type Step =
  | { kind: 'submit'; county: number; value: number }
  | { kind: 'accept' | 'return' | 'request' | 'grant'; county: number }
  | { kind: 'citySubmit' | 'provinceAccept' | 'provinceReturn'; city: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('submit' as const), county: fc.nat(5), value: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constantFrom('accept' as const, 'return' as const, 'request' as const, 'grant' as const), county: fc.nat(5) }),
  fc.record({ kind: fc.constantFrom('citySubmit' as const, 'provinceAccept' as const, 'provinceReturn' as const), city: fc.nat(1) }),
);

/** The reference: each county's stage and correction, each city's stage, independent of the machine. */
interface Model {
  county: Record<string, { stage: 'none' | 'pending' | 'returned' | 'accepted'; correction: boolean }>;
  city: Record<string, 'open' | 'submitted' | 'returned' | 'accepted'>;
}

function expected(model: Model, s: Step): boolean {
  const county = 'county' in s ? COUNTIES[s.county]! : null;
  const c = county ? model.county[county.code]! : null;
  const cityCode = county ? county.city : CITIES[(s as { city: number }).city]!;
  const city = model.city[cityCode]!;
  const cityClosed = city === 'submitted' || city === 'accepted';
  switch (s.kind) {
    case 'submit':
      if (c!.stage === 'accepted') return false;
      c!.stage = 'pending';
      c!.correction = false;
      return true;
    case 'accept':
      if (c!.stage !== 'pending' || cityClosed) return false;
      c!.stage = 'accepted';
      return true;
    case 'return':
      if ((c!.stage !== 'pending' && c!.stage !== 'accepted') || cityClosed) return false;
      c!.stage = 'returned';
      c!.correction = false;
      return true;
    case 'request':
      if (c!.stage !== 'accepted' || c!.correction) return false;
      c!.correction = true;
      return true;
    case 'grant':
      if (!c!.correction || c!.stage !== 'accepted') return false;
      c!.stage = 'returned';
      c!.correction = false;
      if (cityClosed) model.city[cityCode] = 'returned';
      return true;
    case 'citySubmit': {
      // Forced with a reason naming every county, so only the city's stage decides.
      if (cityClosed) return false;
      model.city[cityCode] = 'submitted';
      return true;
    }
    case 'provinceAccept':
    case 'provinceReturn':
      if (city !== 'submitted') return false;
      model.city[cityCode] = s.kind === 'provinceAccept' ? 'accepted' : 'returned';
      return true;
  }
}

describeEachServerDb('levels against a reference model', (kind) => {
  let store: TestServerDb;
  let db: Knex;
  const users: Record<string, StaffUser> = {};
  const cutoffs = generatePeriods(DEFAULT_CAMPAIGN).map((p) => p.cutoffDate);
  let run = 0;

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    db = store.db;
    await addStaff(db, 'prov', 'province');
    for (const city of CITIES) await addStaff(db, `c${city}`, 'city', city);
    for (const row of await db('staff_users').select<Array<{ id: string; name: string; role: 'city' | 'province'; city_code: string | null }>>()) users[row.role === 'province' ? 'province' : row.city_code!] = { id: row.id, name: row.name, role: row.role, cityCode: row.city_code, provinceCode: HEILONGJIANG_CODE };
  });
  afterAll(async () => store.dispose());

  it('agrees with the reference after every step, and never changes an accepted figure without a return or grant on record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 30 }), async (steps) => {
        const cutoff = cutoffs[run++ % cutoffs.length]!;
        // Each run a period of its own, cleared first: runs never see each other's rows.
        for (const table of ['report_reviews', 'city_reports', 'level_events', 'correction_requests']) await db(table).where({ cutoff_date: cutoff }).delete();
        await db('county_records').where({ entity: 'dispatch_report' }).whereLike('payload', `%"cutoffDate":"${cutoff}"%`).delete();
        const model: Model = { county: Object.fromEntries(COUNTIES.map((c) => [c.code, { stage: 'none', correction: false }])), city: Object.fromEntries(CITIES.map((c) => [c, 'open'])) };
        const acceptedValue = new Map<string, number>();
        const requests = new Map<string, string>();
        for (const s of steps) {
          const should = expected(model, s);
          const did = await perform(db, users, cutoff, s, requests);
          expect(did, JSON.stringify(s)).toBe(should);
          for (const city of CITIES) {
            const loaded = (await loadCity(db, city, cutoff))!;
            expect(loaded.world.cityStage === 'withdrawn' ? 'open' : loaded.world.cityStage, `city ${city}`).toBe(model.city[city]);
            for (const county of loaded.world.counties.filter((c) => model.county[c.code])) {
              const want = model.county[county.code]!.stage;
              expect(county.stage, `${county.code} after ${JSON.stringify(s)}`).toBe(want === 'none' ? 'not_submitted' : want);
              const value = loaded.reports.get(county.code)?.figures.registeredTrainees;
              const was = acceptedValue.get(county.code);
              if (was !== undefined && value !== was) {
                const events = await eventsOf(db, cutoff, city, county.code);
                expect(events.some((e) => e.countyCode === county.code && (e.action === 'county.return' || e.action === 'correction.grant')), `${county.code} changed without a return or grant`).toBe(true);
                acceptedValue.delete(county.code);
              }
              if (county.stage === 'accepted' && value !== undefined) acceptedValue.set(county.code, value);
            }
          }
        }
      }),
      { numRuns: 8, seed: 15 },
    );
  }, 240_000);
});

async function perform(db: Knex, users: Record<string, StaffUser>, cutoff: string, s: Step, requests: Map<string, string>): Promise<boolean> {
  if ('county' in s) {
    const { city, code } = COUNTIES[s.county]!;
    switch (s.kind) {
      case 'submit':
        return (await submitCountyReport(db, code, cutoff, figuresOf(s.value))).status === 'applied';
      case 'accept':
        return (await reviewReport(db, users[city]!, { countyCode: code, cutoffDate: cutoff, decision: 'accepted', comment: null }, NOW)).ok;
      case 'return':
        return (await reviewReport(db, users[city]!, { countyCode: code, cutoffDate: cutoff, decision: 'returned', comment: '请核对' }, NOW)).ok;
      case 'request': {
        const { id, outcome } = await requestCorrection(db, code, cutoff);
        if (outcome.status === 'applied') requests.set(code, id);
        return outcome.status === 'applied';
      }
      case 'grant': {
        const id = requests.get(code);
        if (!id) return false;
        // The level the report is locked at decides: try the city, then the province.
        const byCity = await decideCorrection(db, users[city]!, { id, grant: true, comment: null }, NOW);
        const done = byCity.ok || (await decideCorrection(db, users.province!, { id, grant: true, comment: null }, NOW)).ok;
        if (done) requests.delete(code);
        return done;
      }
    }
  }
  const city = CITIES[s.city]!;
  if (s.kind === 'citySubmit') {
    const reason = `强制上报：${countiesOf(city).map((c) => c.name).join('、')}`;
    return (await submitCityReport(db, users[city]!, { cityCode: city, cutoffDate: cutoff, note: null, forceReason: reason }, NOW)).ok;
  }
  const decision = s.kind === 'provinceAccept' ? 'accepted' : 'returned';
  return (await reviewCityReport(db, users.province!, { cityCode: city, cutoffDate: cutoff, decision, comment: '请核对' }, NOW)).ok;
}
