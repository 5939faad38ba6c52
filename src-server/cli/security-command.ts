/**
 * `server-admin security show|set` (the staff login rules) and `server-admin audit verify` (the
 * audit trail's hash chains). The settings are the server operator's: no staff session changes them.
 */
import type { Knex } from 'knex';
import type { SecuritySettings } from '../../src-shared/staff-login-api';
import { CliError } from '../../src-node/cli-kit';
import { verifyAllChains } from '../audit/audit-verify';
import { loadSecuritySettings, saveSecuritySettings } from '../staff/security-settings';
import { adminActor } from './staff-user-command';

/** The `set` options and the setting each one changes. */
export const SETTING_OPTIONS = {
  'password-min-length': 'passwordMinLength',
  'password-classes': 'passwordMinClasses',
  'password-max-age-days': 'passwordMaxAgeDays',
  'idle-minutes': 'idleTimeoutMinutes',
} as const satisfies Record<string, keyof SecuritySettings>;

function describe(s: SecuritySettings): string {
  return [
    `password-min-length    ${s.passwordMinLength}`,
    `password-classes       ${s.passwordMinClasses} of 4 (lower, upper, digits, other)`,
    `password-max-age-days  ${s.passwordMaxAgeDays === 0 ? '0 (never expire)' : s.passwordMaxAgeDays}`,
    `idle-minutes           ${s.idleTimeoutMinutes}`,
    'lockout                5 failed passwords or codes lock a name for 15 minutes (fixed)',
    'second factor          TOTP required for every province and city account (fixed)',
  ].join('\n');
}

export async function runSecurityCommand(db: Knex, action: string | undefined, values: Record<string, unknown>): Promise<void> {
  if (action === 'show' || action === undefined) {
    process.stdout.write(`${describe(await loadSecuritySettings(db))}\n`);
    return;
  }
  if (action !== 'set') throw new CliError('server-admin security: say show or set. See: skills-desk server-admin --help');
  const change: Partial<SecuritySettings> = {};
  for (const [option, key] of Object.entries(SETTING_OPTIONS)) {
    const value = values[option];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new CliError(`server-admin security set: --${option} must be a whole number`);
    change[key] = Number(value);
  }
  if (Object.keys(change).length === 0) throw new CliError(`server-admin security set: name at least one of ${Object.keys(SETTING_OPTIONS).map((o) => `--${o}`).join(', ')}`);
  const result = await saveSecuritySettings(db, change, adminActor().name, new Date());
  if (!result.ok) throw new CliError(`server-admin security set: ${result.message}; nothing was changed`, 1);
  process.stdout.write(`Saved (in force at once on every worker):\n${describe(result.settings)}\n`);
}

/** Exit 0 when every chain holds; 1 with the first break of each broken chain. */
export async function runAuditCommand(db: Knex, action: string | undefined): Promise<void> {
  if (action !== 'verify') throw new CliError('server-admin audit: say verify. See: skills-desk server-admin --help');
  const reports = await verifyAllChains(db);
  let broken = 0;
  for (const r of reports) {
    if (r.breakAt) {
      broken += 1;
      process.stdout.write(`chain ${r.chain}: BROKEN at row ${r.breakAt.seq}${r.breakAt.id ? ` (id ${r.breakAt.id})` : ''}: ${r.breakAt.problem}\n`);
    } else process.stdout.write(`chain ${r.chain}: ok, ${r.rows} row(s)\n`);
  }
  if (reports.length === 0) process.stdout.write('no audit rows yet\n');
  if (broken > 0) throw new CliError(`server-admin audit verify: ${broken} chain(s) broken; keep this store as evidence and restore the audit trail from a backup`, 1);
}
