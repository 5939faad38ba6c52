/**
 * The layering rules are lint rules (eslint.config.mjs); this proves they bite: core code importing
 * electron, or shared code importing Node or touching the DOM, fails the lint that `npm test` runs.
 * The rooms (docs/architecture.md, "Rooms and the rule"): src-shared imports nothing of ours; src-node
 * only src-shared; the desktop (src-main) and the server (src-server) src-shared and src-node, never
 * each other; the renderer only src-shared. Each forbidden direction is shown failing below, and the
 * real tree is walked for imports lint would not see (require, import()).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(root, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

/** A file in `from` importing `specifier`: what lint says. */
function importing(specifier: string, from: string): Promise<string[]> {
  return problems(`import * as m from '${specifier}';\nexport const x = m;\n`, from);
}

describe('layering rules', () => {
  it('refuses electron in src-main/core, src-shared and the web host', async () => {
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'src-main/core/x.ts')).toContain('no-restricted-imports');
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'src-shared/x.ts')).toContain('no-restricted-imports');
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'src-main/web-host.ts')).toContain('no-restricted-imports');
  });

  it('refuses electron in src-node and the server', async () => {
    expect(await importing('electron', 'src-node/x.ts')).toContain('no-restricted-imports');
    expect(await importing('electron', 'src-server/x.ts')).toContain('no-restricted-imports');
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

  it('refuses the desktop importing the server, from core, the CLI, the shell and its migrations', async () => {
    expect(await importing('../../src-server/db', 'src-main/core/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../src-server/cli/server-command', 'src-main/cli.ts')).toContain('no-restricted-imports');
    expect(await importing('../../src-server/app', 'src-main/shell/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../../src-server/staff/staff-scope', 'migrations/desktop/x.ts')).toContain('no-restricted-imports');
  });

  it('refuses the server importing the desktop, from its code, its CLI and its migrations', async () => {
    expect(await importing('../../src-main/core/logger', 'src-server/plugins/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../../src-main/paths', 'src-server/cli/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../../src-main/core/reference-data', 'migrations/server/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../desktop', 'migrations/server/x.ts')).toContain('no-restricted-imports');
  });

  it('refuses src-node importing the desktop, the server or the renderer', async () => {
    expect(await importing('../src-main/core/data-dir', 'src-node/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../src-server/db', 'src-node/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../../src-renderer/api/client', 'src-node/print/x.ts')).toContain('no-restricted-imports');
  });

  it('refuses src-shared importing any other room of ours', async () => {
    expect(await importing('../src-node/logger', 'src-shared/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../../src-main/core/clock', 'src-shared/domain/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../src-server/db', 'src-shared/x.ts')).toContain('no-restricted-imports');
  });

  it('refuses the renderer importing src-node or the server', async () => {
    expect(await importing('../../src-node/logger', 'src-renderer/features/x.ts')).toContain('no-restricted-imports');
    expect(await importing('../../src-server/staff/staff-scope', 'src-renderer/staff/x.ts')).toContain('no-restricted-imports');
  });

  it('allows electron in the shell, and Node in core', async () => {
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'src-main/shell/x.ts')).toEqual([]);
    expect(await problems("import fs from 'node:fs';\nexport const f = fs;\n", 'src-main/core/x.ts')).toEqual([]);
  });

  it('allows both apps src-node and src-shared, src-node src-shared, the renderer src-shared', async () => {
    expect(await importing('../../src-node/logger', 'src-main/core/x.ts')).toEqual([]);
    expect(await importing('../../src-shared/errors', 'src-main/cli/x.ts')).toEqual([]);
    expect(await importing('../../src-node/print/pdf', 'src-server/staff/x.ts')).toEqual([]);
    expect(await importing('../../src-node/reference-ids', 'migrations/server/x.ts')).toEqual([]);
    expect(await importing('../src-shared/errors', 'src-node/x.ts')).toEqual([]);
    expect(await importing('../../src-shared/contract', 'src-renderer/api/x.ts')).toEqual([]);
  });
});

/** Which rooms each room may import (besides itself); migrations belong to their app. */
const ALLOWED: Record<string, readonly string[]> = {
  'src-shared': [],
  'src-node': ['src-shared'],
  'src-main': ['src-shared', 'src-node', 'migrations/desktop'],
  'migrations/desktop': ['src-shared', 'src-node', 'src-main'],
  'src-server': ['src-shared', 'src-node', 'migrations/server'],
  'migrations/server': ['src-shared', 'src-node', 'src-server'],
  'src-renderer': ['src-shared'],
};

function roomOf(repoPath: string): string | null {
  const [top, second] = repoPath.split('/');
  if (top === 'migrations') return second === 'desktop' || second === 'server' ? `migrations/${second}` : null;
  return top !== undefined && top in ALLOWED ? top : null;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every relative specifier a file names: static imports and exports, `import()` and `require()`. */
function relativeSpecifiers(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm);
  return [...found].map((m) => m[1]!);
}

/** Imports in the real tree that cross into a room their own room may not import. */
function crossings(): string[] {
  const out: string[] = [];
  for (const top of ['src-shared', 'src-node', 'src-main', 'src-server', 'src-renderer', 'migrations']) {
    for (const file of sourceFiles(path.join(root, top))) {
      const from = roomOf(path.relative(root, file).split(path.sep).join('/'));
      if (from === null) continue;
      for (const specifier of relativeSpecifiers(fs.readFileSync(file, 'utf8'))) {
        const target = path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
        const to = roomOf(target);
        if (to !== null && to !== from && !ALLOWED[from]!.includes(to)) out.push(`${path.relative(root, file)} -> ${specifier}`);
      }
    }
  }
  return out;
}

describe('the rooms of the real tree', () => {
  it('has no import across a wall (counting require and dynamic import, which lint does not see)', () => {
    expect(crossings()).toEqual([]);
  });

  it('finds a crossing when there is one (the walk itself bites)', () => {
    expect(relativeSpecifiers("const m = require('../../src-main/core/logger');\nimport('../src-server/db');\n")).toEqual(['../../src-main/core/logger', '../src-server/db']);
    expect(roomOf('src-server/staff/x.ts')).toBe('src-server');
    expect(ALLOWED['src-server']).not.toContain(roomOf('src-main/core/logger'));
  });
});
