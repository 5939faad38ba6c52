/** The staff API's 录入短码 (issue #16); the work is in receive-code.ts. */
import type { Knex } from 'knex';
import type { ServerKeyring } from '../secrets/server-keys';
import { mayAccessCounty } from '../staff/staff-scope';
import type { StaffHandlers } from '../staff/staff-registry';
import { receiveReportCode } from './receive-code';

export function shortCodeHandlers(db: Knex, keyring: ServerKeyring, now: () => Date = () => new Date()): Pick<StaffHandlers, 'codes.receive'> {
  return {
    'codes.receive': async ({ user, body, request }) => {
      const result = await receiveReportCode(db, keyring, body.code, { via: 'staff', receivedBy: `staff:${user.name}`, mayRecord: (county) => mayAccessCounty(user, county), now: now() });
      request.log.info({ event: 'staff.short_code', county: result.ok ? result.data.countyCode : (result.error.details?.countyCode ?? null), outcome: result.ok ? result.data.state : result.error.details?.refusal });
      return result;
    },
  };
}
