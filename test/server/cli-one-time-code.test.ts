/**
 * Codes a person copies from the terminal stand on a line of their own (issue #17 item 5: a one-time code was
 * printed glued to the next sentence): `server-admin enrol-code` prints only the code on stdout (so scripts can
 * take it) and its explanation on stderr, each ending its line; the recovery code notice puts the code alone,
 * indented, between the sentences.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { recoveryCodeNotice } from '../../src-main/cli/recovery-code-notice';

it('enrol-code: the code alone on stdout, the sentence on stderr, each ending its line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-enrol-code-'));
  try {
    const run = spawnSync(process.execPath, [path.resolve('bin/skills-desk.js'), 'server-admin', 'enrol-code', '--db', path.join(dir, 'server.sqlite'), '--county', '230102'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\n$/);
    expect(run.stderr).toMatch(/^One-time code for .+\(230102\), valid until \S+ .*\)\n$/);
    // As a terminal shows both streams one after the other: the code still stands alone on its line.
    const screen = run.stdout + run.stderr;
    expect(screen.split('\n')[0]).toBe(run.stdout.trim());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

it('the recovery code notice: the code alone on an indented line, the sentences before and after on their own', () => {
  const code = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
  const lines = recoveryCodeNotice(code).split('\n');
  expect(lines).toContain(`    ${code}`);
  const at = lines.indexOf(`    ${code}`);
  expect(lines[at - 1]).toMatch(/恢复码.*：$/);
  expect(lines[at + 1]).toMatch(/^电脑重装/);
  expect(recoveryCodeNotice(code).endsWith('\n')).toBe(true);
});
