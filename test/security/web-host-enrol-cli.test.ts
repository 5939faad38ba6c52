/**
 * Issue #18, item 1, from the command line: `skills-desk enrol` on an enrolled PC is refused unless the clerk adds
 * --replace, and only https (or http to this computer) is accepted. Runs bin/skills-desk.js, so `npm run build` first.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServerDb, type TestServerDb } from '../support/server-db';
import { issueCode, startTestServer, type TestServer } from '../support/sync-harness';
import { REPO_ROOT } from '../support/web-host-process';

const CLI = path.join(REPO_ROOT, 'bin', 'skills-desk.js');
let dataDir: string;
let store: TestServerDb;
let server: TestServer;

/** Asynchronous, unlike spawnSync: the test server answers in this same process. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-enrol-cli-'));
  store = await createTestServerDb('sqlite');
  server = await startTestServer(store.db);
  expect((await cli('init', '--data', dataDir, '--county', '230102', '--operator', '张三')).code).toBe(0);
});

afterAll(async () => {
  await server.close();
  await store.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('skills-desk enrol', () => {
  it('documents --replace and the https rule', async () => {
    const help = await cli('enrol', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--replace');
    expect(help.stdout).toContain('https://');
  });

  it('refuses a plain-http server that is not this computer', async () => {
    const refused = await cli('enrol', '--data', dataDir, '--server', 'http://sync.example.gov.cn', '--code', 'AAAA-BBBB-CCCC');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('https://');
  });

  it('enrols once, refuses to replace without --replace, and replaces with it', async () => {
    const first = await cli('enrol', '--data', dataDir, '--server', server.url, '--code', await issueCode(store.db, '230102'));
    expect(first.code, first.stderr).toBe(0);
    const code = await issueCode(store.db, '230102');
    const again = await cli('enrol', '--data', dataDir, '--server', server.url, '--code', code);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--replace');
    expect(again.stderr).toContain(server.url);
    const replaced = await cli('enrol', '--data', dataDir, '--server', server.url, '--code', code, '--replace');
    expect(replaced.code, replaced.stderr).toBe(0);
  });
});
