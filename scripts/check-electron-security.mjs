// Runs the Electronegativity scanner over the Electron shell and the renderer and fails on any
// finding rated HIGH. The Electron version is given so the scanner does not go online for it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-')), 'findings.csv');
const bin = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
execFileSync(process.execPath, [bin, '-i', 'src-main', '-e', electronVersion, '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });

const rows = fs.readFileSync(out, 'utf8').trim().split('\n').slice(1);
const high = rows.filter((row) => row.split(',')[1] === '"HIGH"');
console.log(`Electronegativity: ${rows.length} findings, ${high.length} rated HIGH`);
for (const row of rows) console.log(`  ${row.split(',').slice(0, 5).join(' ')}`);
if (high.length > 0) process.exit(1);
