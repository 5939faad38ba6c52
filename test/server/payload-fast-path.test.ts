/**
 * The payload fast path (src-server/sync/payload-fast-path.ts) must never change an answer: whatever it
 * accepts, zod accepts with the same value; whatever it leaves to zod keeps zod's refusal and message.
 * fast-check mutates canonical payloads with values that sit on the edges of the rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../src-shared/domain/dates';
import { fastEnrolmentPut, fastTraineePut } from '../../src-server/sync/payload-fast-path';
import { parseEnrolmentPut, traineePutPayload } from '../../src-server/sync/op-payloads';
import { validIdNumber } from '../support/temp-app';

const ID = '0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8091';
const OTHER = '0193a5b2-7c1d-7e2f-9a3b-4c5d6e7f8092';
const id15 = validIdNumber('19900101', 123).slice(0, 6) + '900101123';

function trainee(): Record<string, unknown> {
  return { id: ID, idNumber: validIdNumber(), name: '李四', phone: '13800138000', categories: ['rural_migrant'], ruralHukou: true, registeredAt: '2020-04-02', platformId: OTHER, note: null, createdAt: '2020-04-02T01:00:00.000Z' };
}

function enrolment(): Record<string, unknown> {
  return { id: ID, traineeId: OTHER, platformId: OTHER, occupationId: null, courseName: '养老护理员（初级）', startDate: '2020-04-03', endDate: null, hours: 8, signedIn: true, learningRecord: null, testResult: null };
}

/** Values that sit on the edges of some rule (and a few that break every rule). */
const edgeValue = fc.oneof(
  fc.constantFrom(
    undefined, null, '', ' ', '  李四 ', '李  四', '李\t四', '李四2', '张@三', 'x'.repeat(30), 'x'.repeat(31), 'y'.repeat(100), 'y'.repeat(101), 'z'.repeat(200), 'z'.repeat(201), 'w'.repeat(500), 'w'.repeat(501),
    ID, ID.toUpperCase(), OTHER, '00000000-0000-0000-0000-000000000000', '0193a5b2-7c1d-0e2f-8a3b-4c5d6e7f8091', '0193a5b2-7c1d-7e2f-7a3b-4c5d6e7f8091', `${ID} `,
    validIdNumber(), validIdNumber().toLowerCase(), validIdNumber('19900101', 124), ` ${validIdNumber()}`, id15, validIdNumber('21000101'), validIdNumber('19900230'), validIdNumber(todayIso().replace(/-/g, '')), '23010219900101123X', '２３０１０２１９９００１０１１２３４',
    '13800138000', '138-0013-8000', '+8613800138000', '12800138000', '0451-12345678', '045112345678', '1380013800',
    '2020-04-02', '2020-4-2', ' 2020-04-02', '2020-02-30', '2020-04-01', '2020-04-04', '2019-12-31',
    0, -1, 8, 2000, 2000.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '8', true, false, 'true',
    [], ['rural_migrant'], ['rural_migrant', 'rural_migrant'], ['unknown'], ['rural_migrant', 'unemployed'], [1], Array.from({ length: 11 }, () => 'unemployed'), {},
  ),
  fc.string(),
  fc.double(),
);

function mutated(base: () => Record<string, unknown>) {
  const keys = Object.keys(base());
  return fc.array(fc.tuple(fc.constantFrom(...keys), edgeValue, fc.boolean()), { maxLength: 3 }).map((changes) => {
    const payload = base();
    for (const [key, value, drop] of changes) {
      if (drop) delete payload[key];
      else payload[key] = value;
    }
    return payload;
  });
}

describe('payload fast path', () => {
  it('accepts the canonical payloads a PC sends', () => {
    expect(fastTraineePut(trainee(), todayIso())?.value).toEqual(traineePutPayload.parse(trainee()));
    expect(fastEnrolmentPut(enrolment())).toEqual(parseEnrolmentPut(enrolment()).data);
    const minimal = trainee();
    delete minimal.note;
    delete minimal.platformId;
    expect(fastTraineePut(minimal, todayIso())?.value).toEqual(traineePutPayload.parse(minimal));
  });

  it('gives a trainee put the value zod gives, or leaves it to zod', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutated(trainee), (payload) => {
        const fast = fastTraineePut(payload, todayIso());
        if (!fast) return;
        accepted++;
        const zod = traineePutPayload.safeParse(payload);
        expect(zod.success).toBe(true);
        expect(fast.value).toEqual(zod.data);
        expect(fast.idCard.value.idNumber).toBe(zod.data!.idNumber);
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: many mutated payloads are still canonical (a changed note, a valid other number).
    expect(accepted).toBeGreaterThan(300);
  });

  it('gives a training record put the value zod gives, or leaves it to zod', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutated(enrolment), (payload) => {
        const fast = fastEnrolmentPut(payload);
        if (!fast) return;
        accepted++;
        const zod = parseEnrolmentPut(payload);
        expect(zod.success).toBe(true);
        expect(fast).toEqual(zod.data);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });
});
