/**
 * `skills-desk server-admin user add|disable|reset-2fa`: staff accounts for the province and city
 * view. The password never goes on the command line (it would land in shell history and `ps`): it is
 * read from --password-file or from stdin, first line, without echo. It must meet the complexity rules
 * in force (`server-admin security show`). Each change is audited as done by server-admin and the
 * operating-system user who ran it.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Knex } from 'knex';
import { AccountService, type Actor } from '../staff/account-service';
import { CliError } from '../../src-node/cli-kit';

export interface UserCommandValues {
  name?: string;
  role?: string;
  city?: string;
  passwordFile?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** The administrator as the audit trail names them: the command, and who ran it on this machine. */
export function adminActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (a container): the command alone names the actor.
  }
  return { kind: 'admin', name: `server-admin:${user}`.slice(0, 64), address: `cli@${os.hostname()}`.slice(0, 64) };
}

export async function runUserCommand(db: Knex, action: string | undefined, values: UserCommandValues, stdin: () => Promise<string> = readStdin): Promise<void> {
  const accounts = new AccountService(db);
  const name = values.name?.trim();
  if (!name) throw new CliError('server-admin user: --name is required');
  if (action === 'disable') {
    const result = await accounts.disableUser(name, adminActor());
    if (!result.ok) throw new CliError(`server-admin user disable: ${result.error.message}`, 1);
    process.stdout.write(`Disabled ${name} (sessions ended)\n`);
    return;
  }
  if (action === 'reset-2fa') {
    const result = await accounts.resetSecondFactor(name, adminActor());
    if (!result.ok) throw new CliError(`server-admin user reset-2fa: ${result.error.message}`, 1);
    process.stdout.write(`Reset the second factor of ${name}: authenticator and recovery codes removed, sessions ended; the next login enrols a new authenticator\n`);
    return;
  }
  if (action !== 'add') throw new CliError('server-admin user: say add, disable or reset-2fa. See: skills-desk server-admin --help');
  if (values.role !== 'province' && values.role !== 'city') throw new CliError('server-admin user add: --role must be province or city');
  const text = values.passwordFile ? fs.readFileSync(values.passwordFile, 'utf8') : await stdin();
  const password = text.split(/\r?\n/)[0] ?? '';
  const result = await accounts.addUser({ name, role: values.role, cityCode: values.city ?? null, password }, adminActor());
  if (!result.ok) throw new CliError(`server-admin user add: ${result.error.message}`, 1);
  process.stdout.write(`Added ${result.data.role} user ${result.data.name}${result.data.cityCode ? ` for city ${result.data.cityCode}` : ''}\n`);
}
