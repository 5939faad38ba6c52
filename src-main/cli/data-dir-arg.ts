/** The desktop commands' `--data DIR`: the given folder, else the clerk's default data folder. */
import path from 'node:path';
import { defaultDataDir } from '../core/data-dir';

export function dataDirFrom(value: unknown): string {
  return typeof value === 'string' && value !== '' ? path.resolve(value) : defaultDataDir();
}
