/**
 * `skills-desk server` and `skills-desk server-admin`: the provincial server's commands, an entry of
 * their own so a server process (and each cluster worker, which re-runs this command line) loads the
 * server and nothing of the desktop. bin/skills-desk.js sends these names here.
 */
import { runCli, type Command } from '../src-node/cli-kit';
import { serverAdminCommand } from './cli/server-admin-command';
import { serverCommand } from './cli/server-command';

export const commands: readonly Command[] = [serverCommand, serverAdminCommand];

export function main(argv: string[]): Promise<number> {
  return runCli(argv, commands);
}
