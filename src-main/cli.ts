/**
 * `skills-desk`, the desktop's headless commands. Each command lives in src-main/cli/; this file lists
 * them for the dispatch in src-node/cli-kit.ts. The server's commands are src-server/cli.ts's:
 * bin/skills-desk.js sends each name to its entry and lists both in --help.
 */
import { runCli, type Command } from '../src-node/cli-kit';
import { auditVerifyCommand } from './cli/audit-verify-command';
import { backupCommand, restoreCommand } from './cli/backup-command';
import { demoCommand } from './cli/demo-command';
import { enrolCommand } from './cli/enrol-command';
import { exportCommand } from './cli/export-command';
import { exportUnsentCommand } from './cli/export-unsent-command';
import { importCommand } from './cli/import-command';
import { importReceiptCommand } from './cli/import-receipt-command';
import { initCommand } from './cli/init-command';
import { recoverCommand, recoveryCodeCommand } from './cli/recover-command';
import { startCommand } from './cli/start-command';
import { syncCommand } from './cli/sync-command';
import { tableCommand } from './cli/table-command';
import { webCommand } from './cli/web-command';
import { MigrationFailedError } from './core/db/migrate';
import { applyDesktopHeapPolicy } from './core/heap-policy';

export const commands: readonly Command[] = [startCommand, initCommand, demoCommand, webCommand, tableCommand, syncCommand, exportUnsentCommand, importReceiptCommand, enrolCommand, importCommand, exportCommand, backupCommand, restoreCommand, recoverCommand, recoveryCodeCommand, auditVerifyCommand];

export function main(argv: string[]): Promise<number> {
  applyDesktopHeapPolicy();
  return runCli(argv, commands, (error) => (error instanceof MigrationFailedError ? `${error.message}. ${error.clerkMessage}` : null));
}
