import { isAppError } from '../../src-shared/errors';
import { openAppContext } from '../core/app-context';
import { silentLogger } from '../../src-node/logger';
import { enrolDevice } from '../core/sync/enrol';
import { parseCommandArgs, printHelp, requireString, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';

export const enrolCommand: Command = {
  name: 'enrol',
  summary: 'Enrol this PC with the provincial server using a one-time code',
  usage: `
Usage: skills-desk enrol --data DIR --server URL --code CODE [--label TEXT] [--replace]

Exchanges the one-time code the province issued for this PC's sync token. The data folder must be set
up (skills-desk init) for the county the code was issued to. The server must use https://; plain
http:// is accepted only for this computer (127.0.0.1, localhost, [::1]), for tests.

Options:
  --data DIR      data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --server URL    the provincial server, e.g. https://sync.example.gov.cn
  --code CODE     the one-time code (XXXX-XXXX-XXXX), valid 72 hours
  --label TEXT    a name for this PC, shown to the province
  --replace       replace this PC's current enrolment (another server or county token); without it an
                  enrolled PC is refused and the new code is not used up
  -h, --help      this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, {
      data: { type: 'string' },
      server: { type: 'string' },
      code: { type: 'string' },
      label: { type: 'string' },
      replace: { type: 'boolean' },
    });
    if (values.help) return printHelp(this);
    const serverUrl = requireString(this, values.server, '--server');
    const code = requireString(this, values.code, '--code');
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    try {
      const result = await enrolDevice(context.db, { serverUrl, code, label: typeof values.label === 'string' ? values.label : null, replaceExisting: values.replace === true });
      process.stdout.write(`Enrolled for county ${result.countyCode} with ${result.serverUrl} (device ${result.deviceId})\n`);
      return 0;
    } catch (error) {
      if (!(isAppError(error) && error.code === 'ALREADY_ENROLLED')) throw error;
      process.stderr.write(`skills-desk enrol: ${error.message}（确认替换请加 --replace 再运行）\n`);
      return 1;
    } finally {
      await context.close();
    }
  },
};
