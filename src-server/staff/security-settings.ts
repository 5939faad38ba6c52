/**
 * The staff security settings (password length, classes and age, idle timeout): one JSON value in
 * staff_settings, read by every worker at each login and request, so a change holds at once
 * everywhere. Only the server's operator changes them (`server-admin security set`): a staff session,
 * even a province one, cannot loosen the rules it is held to (the 等保 separation of the security
 * administrator from the users). Each change is audited with the old and new values.
 */
import type { Knex } from 'knex';
import { DEFAULT_SECURITY_SETTINGS, securitySettingsSchema, type SecuritySettings } from '../../src-shared/staff-login-api';
import { appendAudit } from '../audit/audit-log';

const KEY = 'security';

export async function loadSecuritySettings(db: Knex): Promise<SecuritySettings> {
  const row = (await db('staff_settings').where({ key: KEY }).first('value')) as { value: string } | undefined;
  if (!row) return DEFAULT_SECURITY_SETTINGS;
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    stored = {};
  }
  // A value stored by an older version lacks newer keys: the defaults fill them in; a broken one falls back whole.
  const parsed = securitySettingsSchema.safeParse({ ...DEFAULT_SECURITY_SETTINGS, ...(typeof stored === 'object' && stored ? stored : {}) });
  return parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS;
}

export type SettingsChange = { ok: true; settings: SecuritySettings } | { ok: false; message: string };

/** Validates the whole of the new settings before writing; writes them and their audit row in one transaction. */
export async function saveSecuritySettings(db: Knex, change: Partial<SecuritySettings>, by: string, at: Date): Promise<SettingsChange> {
  const before = await loadSecuritySettings(db);
  const parsed = securitySettingsSchema.safeParse({ ...before, ...change });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') ?? 'settings'}: ${issue?.message ?? 'invalid'}` };
  }
  const settings = parsed.data;
  await db.transaction(async (trx) => {
    const row = { key: KEY, value: JSON.stringify(settings), updated_at: at.toISOString(), updated_by: by };
    await trx('staff_settings').insert(row).onConflict('key').merge();
    await appendAudit(trx, { action: 'settings.changed', actorKind: 'admin', actor: by, address: 'server-admin', detail: { before: { ...before }, after: { ...settings } } }, at);
  });
  return { ok: true, settings };
}
