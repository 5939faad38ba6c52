import fs from 'node:fs';
import { CliError, parseCommandArgs, printHelp, type Command } from '../../src-node/cli-kit';
import { verifyLocalAuditChain } from '../core/audit/audit-verify';
import { databaseFile, openDatabase } from '../core/db/connection';
import { dataDirFrom } from './data-dir-arg';

export const auditVerifyCommand: Command = {
  name: 'audit-verify',
  summary: "Check this PC's audit chain: every row's hash and its link to the row before",
  usage: `
Usage: skills-desk audit-verify [--data DIR]

Reads the store without changing it (no key needed: the hashes cover the values as stored) and checks
each audit row's place, its link to the row before and its hash. Exit code 0 when the chain holds,
1 naming the first row changed, removed or inserted outside the app. The province checks the same
chain when it arrives by sync (docs/security.md, "The county PCs' chains").

Options:
  --data DIR    data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  -h, --help    this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, { data: { type: 'string' } });
    if (values.help) return printHelp(this);
    const file = databaseFile(dataDirFrom(values.data));
    if (!fs.existsSync(file)) throw new CliError(`audit-verify: no store at ${file}`);
    // The live store, WAL included (the read-only opener of backups ignores the WAL); its one connection made query-only.
    const db = openDatabase(file);
    try {
      await db.raw('PRAGMA query_only = ON');
      if (!(await db.schema.hasColumn('audit_log', 'chain_seq'))) throw new CliError('audit-verify: the store is of an older version; open it once with this version (skills-desk start) to link its audit rows', 1);
      const report = await verifyLocalAuditChain(db);
      const chain = report.chain ?? '(no device id yet)';
      if (report.breakAt) {
        const where = report.breakAt.id === null ? '' : ` (local id ${report.breakAt.id})`;
        process.stdout.write(`chain ${chain}: BROKEN at row ${report.breakAt.seq}${where}: ${report.breakAt.problem}\n`);
        return 1;
      }
      process.stdout.write(`chain ${chain}: ok, ${report.rows} row(s)\n`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
