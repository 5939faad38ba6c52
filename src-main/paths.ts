import fs from 'node:fs';
import path from 'node:path';

/**
 * The built renderer: `dist/renderer` beside the compiled `dist/src-main`. When running from source
 * (tsx, tests) the same folder is found from the repository root.
 */
export function rendererDir(): string {
  const besideCompiled = path.resolve(__dirname, '..', 'renderer');
  if (fs.existsSync(path.join(besideCompiled, 'index.html'))) return besideCompiled;
  return path.resolve(__dirname, '..', 'dist', 'renderer');
}

/** The folder holding our package.json: what Electron is started on. */
export function appRootDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
