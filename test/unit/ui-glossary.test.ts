/**
 * Issue #17 item 4: one word, one meaning (docs/glossary.md). Every string literal and JSX text with Chinese in the
 * UI code (both apps, the shared messages, the PC's and the server's error texts) is read from the source files,
 * and the forms the glossary rules out fail the test with the file and the text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const ROOMS = ['src-renderer', 'src-shared', 'src-main', 'src-server'];

/** Each rule: what must not appear in a UI text, and what the glossary says instead. */
const NEVER: ReadonlyArray<{ pattern: RegExp; use: string }> = [
  { pattern: /。。/, use: 'one 。' },
  { pattern: /被退回的(数据|修改)|条被退回|退回原因(?=.*同步)/, use: '未被接收 for a change the server did not take (退回 is a report sent back by a reviewer)' },
  { pattern: /^已审核$/, use: '已通过 as the status of an accepted report' },
  { pattern: /（已审核）/, use: '已通过' },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'data' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** The Chinese texts of a file: quoted strings, template parts and JSX text; comments are not UI. */
function chineseTexts(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const texts = [...code.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`|>([^<>{}\n]+)</g)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return texts.filter((t) => /[\u4e00-\u9fff]/.test(t));
}

it('the UI texts use the glossary words', () => {
  const offences: string[] = [];
  let read = 0;
  for (const room of ROOMS) {
    for (const file of sourceFiles(path.join(ROOT, room))) {
      for (const text of chineseTexts(fs.readFileSync(file, 'utf8'))) {
        read += 1;
        for (const rule of NEVER) if (rule.pattern.test(text.trim())) offences.push(`${path.relative(ROOT, file)}: "${text.trim()}" (use ${rule.use})`);
      }
    }
  }
  // The scan must have read the UI: a broken reader would find nothing wrong with nothing.
  expect(read).toBeGreaterThan(1000);
  expect(offences).toEqual([]);
});

it('catches the forms it rules out', () => {
  const offending = ['请重新上报。。', '被退回的数据（1）', '其中 3 条被退回', '已审核'];
  for (const text of offending) expect(NEVER.some((rule) => rule.pattern.test(text)), text).toBe(true);
  for (const text of ['已退回 南岗区 的调度表', '未被接收的修改（1）', '已审核通过', '退回原因']) expect(NEVER.some((rule) => rule.pattern.test(text)), text).toBe(false);
});
