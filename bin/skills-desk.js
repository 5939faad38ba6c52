#!/usr/bin/env node
'use strict';
// Entry point of the `skills-desk` command: runs the compiled CLI from dist/.
const path = require('node:path');
const fs = require('node:fs');

const compiled = path.join(__dirname, '..', 'dist', 'src-main', 'cli.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('skills-desk: the app is not built yet. Run: npm run build\n');
  process.exit(2);
}
require(compiled)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
