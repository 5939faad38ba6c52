/**
 * Where a submitted report is and who decided on it, as the server tells the PC by sync (report_status): the level
 * it reached (已送达市级 / 已送达省级) and when, and who returned or accepted it at which level, so 双周调度 and
 * 数据同步 can say 市级 张三 于 … 退回.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dispatch_reports', (t) => {
    t.string('delivered_level');
    t.string('delivered_at');
    t.string('reviewed_by');
    t.string('reviewed_level');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dispatch_reports', (t) => {
    t.dropColumn('delivered_level');
    t.dropColumn('delivered_at');
    t.dropColumn('reviewed_by');
    t.dropColumn('reviewed_level');
  });
}
