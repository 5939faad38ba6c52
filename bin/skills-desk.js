#!/usr/bin/env node
'use strict';
// Entry point of the `skills-desk` command. The desktop and the provincial server are two apps with
// two compiled entries: the server's commands go to dist/src-server/cli.js (so a server and its
// cluster workers, which re-run this same command line, load nothing of the desktop), every other
// name to dist/src-main/cli.js. The tool's --help lists the commands of both.
const path = require('node:path');
const fs = require('node:fs');

const dist = path.join(__dirname, '..', 'dist');
const SERVER_COMMANDS = new Set(['server', 'server-admin']);
const HELP = new Set(['--help', '-h', 'help']);

function load(relative) {
  const file = path.join(dist, relative);
  if (!fs.existsSync(file)) {
    process.stderr.write('skills-desk: the app is not built yet. Run: npm run build\n');
    process.exit(2);
  }
  return require(file);
}

const argv = process.argv.slice(2);
const name = argv[0];
if (name === undefined || HELP.has(name)) {
  const { formatUsage } = load('src-node/cli-kit.js');
  const commands = [...load('src-main/cli.js').commands, ...load('src-server/cli.js').commands];
  process.stdout.write(formatUsage(commands));
} else {
  load(SERVER_COMMANDS.has(name) ? 'src-server/cli.js' : 'src-main/cli.js')
    .main(argv)
    .then((code) => {
      process.exitCode = code;
    });
}
