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

/** The built staff web UI (`dist/staff`), found the same way, for the provincial server. */
export function staffUiDir(): string {
  const besideCompiled = path.resolve(__dirname, '..', 'staff');
  if (fs.existsSync(path.join(besideCompiled, 'index.html'))) return besideCompiled;
  return path.resolve(__dirname, '..', 'dist', 'staff');
}

/** The folder holding our package.json: what Electron is started on. */
export function appRootDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
