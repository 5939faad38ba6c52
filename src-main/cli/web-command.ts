import { openAppContext } from '../core/app-context';
import { stderrLogger } from '../../src-node/logger';
import { rendererDir } from '../paths';
import { startWebHost } from '../web-host';
import { parseCommandArgs, positiveInt, printHelp, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';
import { recoveryCodeNotice } from './recovery-code-notice';

/** Serves the UI until SIGINT/SIGTERM; the first line of output is the address to open. */
export async function serveWeb(options: { dataDir: string; port: number; host: string; token?: string }): Promise<number> {
  const context = await openAppContext({ dataDir: options.dataDir, mode: 'web', logger: stderrLogger });
  const host = await startWebHost({ context, rendererDir: rendererDir(), port: options.port, host: options.host, token: options.token, logger: stderrLogger });
  process.stdout.write(`Skills Desk is running at ${host.url}\n`);
  process.stdout.write(`Data folder: ${options.dataDir}. Press Ctrl+C to stop.\n`);
  // A store set up by this run: its recovery code is shown now or never (recovery-code makes a new one).
  if (context.newRecoveryCode) process.stdout.write(recoveryCodeNotice(context.newRecoveryCode));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await context.close();
  return 0;
}

export const webCommand: Command = {
  name: 'web',
  summary: 'Serve the app to a browser on this computer (127.0.0.1)',
  usage: `
Usage: skills-desk web [--data DIR] [--port N] [--token T] [--host H]

Serves the same UI and the same procedures as the desktop window, for a browser on this computer.
The first line of output is the address to open; it carries the access token. Only requests addressed
to http://127.0.0.1:<port> or http://localhost:<port> (or the --host address) are answered, and only
pages of that origin: open the printed address itself.

Options:
  --data DIR    data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --port N      port (default 5170; 0 picks a free one)
  --token T     access token (default: random for each run)
  --host H      address to bind (default 127.0.0.1; only change it if you know why)
  -h, --help    this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, {
      data: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      host: { type: 'string' },
    });
    if (values.help) return printHelp(this);
    return serveWeb({
      dataDir: dataDirFrom(values.data),
      port: positiveInt(this, values.port, '--port', 5170),
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      token: typeof values.token === 'string' && values.token !== '' ? values.token : undefined,
    });
  },
};
