/**
 * The layering rules are lint rules (eslint.config.mjs); this proves they bite: core code importing
 * electron, or shared code importing Node or touching the DOM, fails the lint that `npm test` runs.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '../..', file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('layering rules', () => {
  it('refuses electron in src-main/core, src-shared and the web host', async () => {
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'src-main/core/x.ts')).toContain('no-restricted-imports');
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'src-shared/x.ts')).toContain('no-restricted-imports');
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'src-main/web-host.ts')).toContain('no-restricted-imports');
  });

  it('refuses Node built-ins and DOM globals in src-shared', async () => {
    expect(await problems("import fs from 'node:fs';\nexport const f = fs;\n", 'src-shared/domain/x.ts')).toContain('no-restricted-imports');
    expect(await problems("import path from 'path';\nexport const p = path;\n", 'src-shared/domain/x.ts')).toContain('no-restricted-imports');
    expect(await problems('export const w = window.location.href;\n', 'src-shared/domain/x.ts')).toContain('no-restricted-globals');
    expect(await problems('export const e = process.env;\n', 'src-shared/domain/x.ts')).toContain('no-restricted-globals');
  });

  it('refuses main-side imports in the renderer', async () => {
    expect(await problems("import { openAppContext } from '../../src-main/core/app-context';\nexport const o = openAppContext;\n", 'src-renderer/features/x.ts')).toContain('no-restricted-imports');
  });

  it('allows electron in the shell, and Node in core', async () => {
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'src-main/shell/x.ts')).toEqual([]);
    expect(await problems("import fs from 'node:fs';\nexport const f = fs;\n", 'src-main/core/x.ts')).toEqual([]);
  });
});
