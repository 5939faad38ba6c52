/**
 * Desktop migrations, listed statically: a packaged app cannot glob its own folder at run time.
 * Add each new migration here, in order.
 */
import type { Knex } from 'knex';
import * as initial from './20261125000000_initial';
import * as nameInitials from './20261125110000_name_initials';
import * as dispatch from './20261125120000_dispatch';
import * as sync from './20261125130000_sync';
import * as traineeListIndexes from './20261125140000_trainee_list_indexes';
import * as conflicts from './20261125150000_conflicts';
import * as importValueMapping from './20261203120000_import_value_mapping';
import * as carriedExports from './20261203140000_carried_exports';
import * as correctionRequests from './20261203170000_correction_requests';
import * as reportDelivery from './20261203171000_report_delivery';
import * as personalDataSealed from './20261204220000_personal_data_sealed';
import * as operatorPins from './20261204240000_operator_pins';
import * as reportCodes from './20261204250000_report_codes';
import * as checkRules from './20261205100000_check_rules';
import * as auditChain from './20261205200000_audit_chain';
import * as carriedExportAudit from './20261206100000_carried_export_audit';

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<[string, MigrationModule]> = [
  ['20261125000000_initial', initial],
  ['20261125110000_name_initials', nameInitials],
  ['20261125120000_dispatch', dispatch],
  ['20261125130000_sync', sync],
  ['20261125140000_trainee_list_indexes', traineeListIndexes],
  ['20261125150000_conflicts', conflicts],
  ['20261203120000_import_value_mapping', importValueMapping],
  ['20261203140000_carried_exports', carriedExports],
  ['20261203170000_correction_requests', correctionRequests],
  ['20261203171000_report_delivery', reportDelivery],
  ['20261204220000_personal_data_sealed', personalDataSealed],
  ['20261204240000_operator_pins', operatorPins],
  ['20261204250000_report_codes', reportCodes],
  ['20261205100000_check_rules', checkRules],
  ['20261205200000_audit_chain', auditChain],
  ['20261206100000_carried_export_audit', carriedExportAudit],
];

export const desktopMigrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return MIGRATIONS.map(([name]) => name);
  },
  getMigrationName(name) {
    return name;
  },
  async getMigration(name) {
    const found = MIGRATIONS.find(([n]) => n === name);
    if (!found) throw new Error(`Unknown desktop migration ${name}`);
    return found[1];
  },
};

export const LATEST_DESKTOP_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]![0];
export const DESKTOP_MIGRATION_COUNT = MIGRATIONS.length;
