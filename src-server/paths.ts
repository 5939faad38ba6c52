import fs from 'node:fs';
import path from 'node:path';

/**
 * The built staff web UI: `dist/staff` beside the compiled `dist/src-server`. When running from
 * source (tsx, tests) the same folder is found from the repository root.
 */
export function staffUiDir(): string {
  const besideCompiled = path.resolve(__dirname, '..', 'staff');
  if (fs.existsSync(path.join(besideCompiled, 'index.html'))) return besideCompiled;
  return path.resolve(__dirname, '..', 'dist', 'staff');
}
