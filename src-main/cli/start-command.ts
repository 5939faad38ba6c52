import { findElectronBinary, launchElectron } from '../electron-launcher';
import { appRootDir } from '../paths';
import { parseCommandArgs, positiveInt, printHelp, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';
import { serveWeb } from './web-command';

export const startCommand: Command = {
  name: 'start',
  summary: 'Open the desktop window (or the browser mode where Electron is missing)',
  usage: `
Usage: skills-desk start [--data DIR] [--port N]

Opens the Electron window. Where the Electron binary is not available (it is downloaded the
first time Electron runs, which needs internet), says so and starts the browser mode instead.

Options:
  --data DIR    data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --port N      port for the browser mode (default 5170)
  -h, --help    this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, { data: { type: 'string' }, port: { type: 'string' } });
    if (values.help) return printHelp(this);
    const dataDir = dataDirFrom(values.data);
    const electron = findElectronBinary();
    if (electron.ok) {
      process.env.SKILLS_DESK_DATA = dataDir;
      const child = launchElectron(appRootDir(), []);
      return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
    }
    process.stdout.write(`Electron is not available on this machine (${electron.reason}); starting the browser mode instead.\n`);
    return serveWeb({ dataDir, port: positiveInt(this, values.port, '--port', 5170), host: '127.0.0.1' });
  },
};
