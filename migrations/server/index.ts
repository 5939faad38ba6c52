/**
 * Server migrations, listed statically like the desktop ones: the packaged server cannot glob.
 * Add each new migration here, in order.
 */
import type { Knex } from 'knex';
import * as initial from './20261125000000_initial';
import * as fieldMerge from './20261125150000_field_merge';
import * as staff from './20261126090000_staff';
import * as rollupIndexes from './20261126100000_rollup_indexes';
import * as namedNationalPlatforms from './20261126200000_named_national_platforms';
import * as staffLoginAttempts from './20261203100000_staff_login_attempts';
import * as duplicateNotices from './20261203110000_duplicate_notices';
import * as hukouMayBeUnknown from './20261203120000_hukou_may_be_unknown';
import * as reportLevels from './20261203130000_report_levels';
import * as carriedFiles from './20261203140000_carried_files';
import * as staffLogins from './20261203160000_staff_logins';
import * as auditLog from './20261203161000_audit_log';
import * as reportIndex from './20261203200000_report_index';
import * as sealedPersonalData from './20261204230000_sealed_personal_data';
import * as reportCodes from './20261204250000_report_codes';
import * as checkRules from './20261205100000_check_rules';

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<[string, MigrationModule]> = [
  ['20261125000000_initial', initial],
  ['20261125150000_field_merge', fieldMerge],
  ['20261126090000_staff', staff],
  ['20261126100000_rollup_indexes', rollupIndexes],
  ['20261126200000_named_national_platforms', namedNationalPlatforms],
  ['20261203100000_staff_login_attempts', staffLoginAttempts],
  ['20261203110000_duplicate_notices', duplicateNotices],
  ['20261203120000_hukou_may_be_unknown', hukouMayBeUnknown],
  ['20261203130000_report_levels', reportLevels],
  ['20261203140000_carried_files', carriedFiles],
  ['20261203160000_staff_logins', staffLogins],
  ['20261203161000_audit_log', auditLog],
  ['20261203200000_report_index', reportIndex],
  ['20261204230000_sealed_personal_data', sealedPersonalData],
  ['20261204250000_report_codes', reportCodes],
  ['20261205100000_check_rules', checkRules],
];

export const serverMigrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return MIGRATIONS.map(([name]) => name);
  },
  getMigrationName(name) {
    return name;
  },
  async getMigration(name) {
    const found = MIGRATIONS.find(([n]) => n === name);
    if (!found) throw new Error(`Unknown server migration ${name}`);
    return found[1];
  },
};

export const LATEST_SERVER_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]![0];
