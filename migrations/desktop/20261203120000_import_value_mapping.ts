/**
 * Issue #14: real rosters go in as they are.
 * - trainees.rural_hukou may be NULL: 户籍 not known yet (待补充), from a roster without that column. The form asks
 *   for it when the record is opened; the list can show only such trainees.
 * - import_value_choices: what the clerk decided for a value that matched no directory entry (培训平台 “学习强国” ->
 *   the platform “学习强国”技能频道; 人员类别 “贫困户” -> 建档立卡贫困劳动力; or left empty), remembered for this county's
 *   next imports and editable on the import page. One row per field and value (compared loosely, as the importer does).
 */
import type { Knex } from 'knex';
import { dropSqliteNotNull, restoreSqliteNotNull } from '../../src-node/sqlite-not-null';

export async function up(knex: Knex): Promise<void> {
  await dropSqliteNotNull(knex, 'trainees', 'rural_hukou');
  await knex.schema.createTable('import_value_choices', (t) => {
    t.string('field').notNullable();
    /** looseName() of the value: spaces, full-width forms and quotes do not count. */
    t.string('value_key').notNullable();
    /** The value as first written in a file, for the list of remembered choices. */
    t.string('value').notNullable();
    /** map: to `target` (an id, a category code, rural/urban); empty: leave the field empty (待补充). */
    t.string('action').notNullable();
    t.string('target');
    t.string('updated_at').notNullable();
    t.string('updated_by').references('operators.id');
    t.primary(['field', 'value_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('import_value_choices');
  await restoreSqliteNotNull(knex, 'trainees', 'rural_hukou');
}
