/**
 * `skills-desk recover --code CODE`: opens a store (a backup restored on a new PC, a copied data folder) with the
 * recovery code shown when its data key was made, and wraps the key for this PC. `skills-desk recovery-code`:
 * makes a new code for a store this PC opens (the old code stops working), for a clerk who lost theirs.
 */
import { silentLogger } from '../../src-node/logger';
import { CliError, parseCommandArgs, printHelp, requireString, type Command } from '../../src-node/cli-kit';
import { isAppError } from '../../src-shared/errors';
import { openAppContext } from '../core/app-context';
import { recoverWithCode } from '../core/secrets/recover';
import { dataDirFrom } from './data-dir-arg';
import { recoveryCodeNotice } from './recovery-code-notice';

export const recoverCommand: Command = {
  name: 'recover',
  summary: 'Open an encrypted store on this PC with its recovery code',
  usage: `
Usage: skills-desk recover --data DIR --code CODE

The ID numbers and phones in the store are encrypted with a data key that this PC's key file (or the desktop
window's safeStorage) opens. A store brought from another PC, or restored on a reinstalled one, opens only with
the recovery code shown when the store was set up (8 groups of 4 characters). With the right code the key is
wrapped for this PC and the store opens as usual; a wrong code is refused and nothing is changed.

Options:
  --data DIR        data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --code CODE       the recovery code (spaces and dashes are ignored)
  -h, --help        this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, { data: { type: 'string' }, code: { type: 'string' } });
    if (values.help) return printHelp(this);
    const code = requireString(this, values.code, '--code');
    const dataDir = dataDirFrom(values.data);
    try {
      await recoverWithCode(dataDir, code);
    } catch (error) {
      if (isAppError(error)) throw new CliError(`recover: ${error.message}`, 1);
      throw error;
    }
    process.stdout.write(`The store in ${dataDir} opens on this PC now.\n`);
    return 0;
  },
};

export const recoveryCodeCommand: Command = {
  name: 'recovery-code',
  summary: 'Make a new recovery code for the store (the old one stops working)',
  usage: `
Usage: skills-desk recovery-code --data DIR

Prints a new recovery code for the store's data key and forgets the old one. Write it down and keep it away from
the PC: it is the only way to open a backup of this store on another or a reinstalled PC.

Options:
  --data DIR        data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  -h, --help        this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, { data: { type: 'string' } });
    if (values.help) return printHelp(this);
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    try {
      process.stdout.write(recoveryCodeNotice(await context.renewRecoveryCode()));
      return 0;
    } finally {
      await context.close();
    }
  },
};
