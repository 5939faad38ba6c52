/** The StaffUser a staff session would carry for an account of the test server, read from its row. */
import type { Knex } from 'knex';
import { serverProvince } from '../../src-server/settings/server-province';
import type { StaffUser } from '../../src-server/staff/staff-scope';
import { toUser, type UserRow } from '../../src-server/staff/staff-sessions';

export async function staffUserNamed(db: Knex, name: string): Promise<StaffUser> {
  const row = await db('staff_users').where({ name }).first<UserRow | undefined>();
  if (!row) throw new Error(`no staff account ${name}`);
  return toUser(row, (await serverProvince(db)).code);
}
