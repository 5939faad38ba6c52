/**
 * The two command-line entries (desktop: src-main/cli.ts, server: src-server/cli.ts) behind the one
 * `skills-desk` command: bin/skills-desk.js sends each name to its entry, --help lists both, and a
 * server process (which every cluster worker is: it re-runs the same command line) loads nothing of
 * the desktop. Runs the built dist/, as a deployment does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands as desktopCommands } from '../../src-main/cli';
import { commands as serverCommands } from '../../src-server/cli';

const root = path.resolve(__dirname, '../..');
const BIN = path.join(root, 'bin/skills-desk.js');
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-entries-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The compiled modules of ours a process loaded, by room (dist/src-main, dist/src-server, ...). */
function loadedRooms(args: string[]): { code: number | null; rooms: Record<string, number>; stderr: string } {
  const dir = fs.mkdtempSync(path.join(work, 'run-'));
  const out = path.join(dir, 'modules.json');
  const preload = path.join(dir, 'record-modules.js');
  fs.writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const result = spawnSync(process.execPath, ['--require', preload, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const rooms: Record<string, number> = {};
  for (const file of JSON.parse(fs.readFileSync(out, 'utf8')) as string[]) {
    const room = path.relative(path.join(root, 'dist'), file).split(path.sep)[0]!;
    if (!file.startsWith(path.join(root, 'dist'))) continue;
    rooms[room] = (rooms[room] ?? 0) + 1;
  }
  return { code: result.status, rooms, stderr: result.stderr };
}

describe('skills-desk entries', () => {
  it('sends exactly the server entry commands to the server, and no name belongs to both', () => {
    const declared = /SERVER_COMMANDS = new Set\(\[([^\]]*)\]\)/.exec(fs.readFileSync(BIN, 'utf8'));
    expect(declared).not.toBeNull();
    const routed = [...declared![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
    expect(routed).toEqual(serverCommands.map((c) => c.name).sort());
    expect(desktopCommands.map((c) => c.name).filter((name) => routed.includes(name))).toEqual([]);
  });

  it('lists every command of both entries in --help', () => {
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.status).toBe(0);
    for (const command of [...desktopCommands, ...serverCommands]) expect(help.stdout).toContain(`  ${command.name.padEnd(12)} ${command.summary}`);
  });

  it('runs a server command without loading a desktop module', () => {
    const run = loadedRooms([BIN, 'server-admin', 'devices', '--db', 'server.sqlite']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.rooms['src-server']).toBeGreaterThan(0);
    expect(run.rooms['src-main']).toBeUndefined();
  });

  it('loads neither app from the other entry', () => {
    const server = loadedRooms(['-e', `require(${JSON.stringify(path.join(root, 'dist/src-server/cli.js'))})`]);
    expect(server.rooms['src-server']).toBeGreaterThan(0);
    expect(server.rooms['src-main']).toBeUndefined();
    const desktop = loadedRooms(['-e', `require(${JSON.stringify(path.join(root, 'dist/src-main/cli.js'))})`]);
    expect(desktop.rooms['src-main']).toBeGreaterThan(0);
    expect(desktop.rooms['src-server']).toBeUndefined();
  });
});
