/** The staff API's carried-file upload (导入U盘文件, issue #16); the work is in carried-upload-service.ts. */
import type { Knex } from 'knex';
import type { ProvinceKeyring } from '../keys/province-keyring';
import type { PersonalDataCipher } from '../secrets/personal-data';
import { importCarriedUpload } from './carried-upload-service';
import type { StaffHandlers } from './staff-registry';

export function carriedHandlers(db: Knex, keys: ProvinceKeyring | null, personalData: PersonalDataCipher, now: () => Date = () => new Date()): Pick<StaffHandlers, 'carried.import'> {
  return {
    'carried.import': async ({ user, body, request }) => {
      const result = await importCarriedUpload(db, keys, personalData, user, body, now);
      // Codes and counts only: the file's people are never logged.
      request.log.info({
        event: 'staff.carried_import',
        bytes: body.byteLength,
        county: result.ok ? result.data.countyCode : (result.error.details?.countyCode ?? null),
        outcome: result.ok ? (result.data.complete ? 'ok' : 'partial') : result.error.details?.refusal,
        batches: result.ok ? result.data.batches.length : 0,
      });
      return result;
    },
  };
}
