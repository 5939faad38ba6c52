/**
 * Boards at each level (issue #15 item 4): a county report's period, status and submission time as
 * columns of county_records (see src-server/staff/report-index.ts), filled from the payloads already
 * stored, and a partial index of live reports (only reports have a period) by period and county, so the board of one period is a
 * grouped query over the period's reports rather than a parse of every report the counties ever sent.
 */
import type { Knex } from 'knex';
import { reportIndexColumns } from '../../src-server/staff/report-index';

const BACKFILL_PAGE = 1000;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('county_records', (t) => {
    t.string('report_cutoff', 10);
    t.string('report_status', 16);
    t.string('report_submitted_at');
  });
  let after = '';
  for (;;) {
    const rows = await knex('county_records').where({ entity: 'dispatch_report' }).andWhere('id', '>', after).orderBy('id').limit(BACKFILL_PAGE).select<Array<{ id: string; payload: string }>>('id', 'payload');
    if (rows.length === 0) break;
    for (const row of rows) {
      let payload: unknown = null;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        // An unreadable payload keeps null columns: the board counts it as not submitted, as reportsFor skips it.
      }
      await knex('county_records').where({ entity: 'dispatch_report', id: row.id }).update(reportIndexColumns('dispatch_report', payload));
    }
    after = rows[rows.length - 1]!.id;
  }
  await knex.schema.alterTable('county_records', (t) => {
    t.index(['report_cutoff', 'county_code', 'report_submitted_at'], 'county_records_live_reports', { predicate: knex.whereNotNull('report_cutoff').whereNull('deleted_at') });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('county_records', (t) => {
    t.dropIndex(['report_cutoff', 'county_code', 'report_submitted_at'], 'county_records_live_reports');
    t.dropColumn('report_submitted_at');
    t.dropColumn('report_status');
    t.dropColumn('report_cutoff');
  });
}
