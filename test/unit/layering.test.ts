/**
 * The layering rules are lint rules (eslint.config.mjs); this proves they bite: core code importing
 * electron, or shared code importing Node or touching the DOM, fails the lint that `npm test` runs.
 * The rooms (docs/architecture.md, "Rooms and the rule"): src-shared imports nothing of ours; src-node
 * only src-shared; the desktop (src-main) and the server (src-server) src-shared and src-node, never
 * each other; the renderer only src-shared. Each forbidden direction is shown failing below, and the
 * real tree is walked for imports lint would not see (require, import()).
 */
import fs from 'node:fs';
import os from 'node:os';
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

  it('refuses Node built-ins and DOM globals in src-shared', async () => {
    expect(await problems("import fs from 'node:fs';\nexport const f = fs;\n", 'src-shared/domain/x.ts')).toContain('no-restricted-imports');
    expect(await problems("import path from 'path';\nexport const p = path;\n", 'src-shared/domain/x.ts')).toContain('no-restricted-imports');
    expect(await problems('export const w = window.location.href;\n', 'src-shared/domain/x.ts')).toContain('no-restricted-globals');
    expect(await problems('export const e = process.env;\n', 'src-shared/domain/x.ts')).toContain('no-restricted-globals');
  });

  it('refuses main-side imports in the renderer', async () => {
    expect(await problems("import { openAppContext } from '../../src-main/core/app-context';\nexport const o = openAppContext;\n", 'src-renderer/features/x.ts')).toContain('no-restricted-imports');
  });

  /** One row per forbidden direction (several where the room has several kinds of file): [direction, file, import]. */
  const FORBIDDEN: ReadonlyArray<readonly [string, string, string]> = [
    ['desktop core -> server', 'src-main/core/x.ts', '../../src-server/db'],
    ['desktop CLI -> server', 'src-main/cli.ts', '../src-server/cli/server-command'],
    ['desktop shell -> server', 'src-main/shell/x.ts', '../../src-server/app'],
    ['desktop migration -> server', 'migrations/desktop/x.ts', '../../src-server/staff/staff-scope'],
    ['server -> desktop', 'src-server/plugins/x.ts', '../../src-main/core/logger'],
    ['server CLI -> desktop', 'src-server/cli/x.ts', '../../src-main/paths'],
    ['server migration -> desktop', 'migrations/server/x.ts', '../../src-main/core/reference-data'],
    ['server migration -> desktop migration', 'migrations/server/x.ts', '../desktop'],
    ['src-node -> desktop', 'src-node/x.ts', '../src-main/core/data-dir'],
    ['src-node -> server', 'src-node/x.ts', '../src-server/db'],
    ['src-node -> renderer', 'src-node/print/x.ts', '../../src-renderer/api/client'],
    ['src-shared -> src-node', 'src-shared/x.ts', '../src-node/logger'],
    ['src-shared -> desktop', 'src-shared/domain/x.ts', '../../src-main/core/clock'],
    ['src-shared -> server', 'src-shared/x.ts', '../src-server/db'],
    ['renderer -> src-node', 'src-renderer/features/x.ts', '../../src-node/logger'],
    ['renderer -> server', 'src-renderer/staff/x.ts', '../../src-server/staff/staff-scope'],
    ['src-node -> electron', 'src-node/x.ts', 'electron'],
    ['server -> electron', 'src-server/x.ts', 'electron'],
  ];

  it.each(FORBIDDEN)('refuses %s (%s importing %s)', async (_direction, file, specifier) => {
    expect(await importing(specifier, file)).toContain('no-restricted-imports');
  });

  it('allows electron in the shell, and Node in core', async () => {
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'src-main/shell/x.ts')).toEqual([]);
    expect(await problems("import fs from 'node:fs';\nexport const f = fs;\n", 'src-main/core/x.ts')).toEqual([]);
  });

  const ALLOWED_IMPORTS: ReadonlyArray<readonly [string, string]> = [
    ['src-main/core/x.ts', '../../src-node/logger'],
    ['src-main/cli/x.ts', '../../src-shared/errors'],
    ['src-server/staff/x.ts', '../../src-node/print/pdf'],
    ['migrations/server/x.ts', '../../src-node/reference-ids'],
    ['src-node/x.ts', '../src-shared/errors'],
    ['src-renderer/api/x.ts', '../../src-shared/contract'],
  ];

  it.each(ALLOWED_IMPORTS)('allows %s importing %s', async (file, specifier) => {
    expect(await importing(specifier, file)).toEqual([]);
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

/** Imports in a tree (the real one by default) that cross into a room their own room may not import. */
function crossings(base = root): string[] {
  const out: string[] = [];
  for (const top of ['src-shared', 'src-node', 'src-main', 'src-server', 'src-renderer', 'migrations']) {
    if (!fs.existsSync(path.join(base, top))) continue;
    for (const file of sourceFiles(path.join(base, top))) {
      const from = roomOf(path.relative(base, file).split(path.sep).join('/'));
      if (from === null) continue;
      for (const specifier of relativeSpecifiers(fs.readFileSync(file, 'utf8'))) {
        const target = path.relative(base, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
        const to = roomOf(target);
        if (to !== null && to !== from && !ALLOWED[from]!.includes(to)) out.push(`${path.relative(base, file).split(path.sep).join('/')} -> ${specifier}`);
      }
    }
  }
  return out;
}

describe('the rooms of the real tree', () => {
  it('has no import across a wall (counting require and dynamic import, which lint does not see)', () => {
    expect(crossings()).toEqual([]);
  });

  it('finds the crossings of a tree that has them (the walk itself bites)', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-layering-'));
    try {
      const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
        fs.writeFileSync(path.join(tree, file), text);
      };
      write('src-server/plugins/x.ts', "const logger = require('../../src-main/core/logger');\nexport default logger;\n");
      write('src-main/core/y.ts', "export const load = () => import('../../src-server/db');\n");
      write('src-node/z.ts', "export * from '../src-shared/errors';\n");
      expect(crossings(tree).sort()).toEqual(['src-main/core/y.ts -> ../../src-server/db', 'src-server/plugins/x.ts -> ../../src-main/core/logger']);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });
});
