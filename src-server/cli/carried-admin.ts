/** server-admin's carried-file parts: `keys list|rotate`, and where an import's receipt is written. */
import fs from 'node:fs';
import path from 'node:path';
import { CARRIED_RECEIPT_EXTENSION } from '../../src-shared/carried-file';
import { CliError } from '../../src-node/cli-kit';
import { keyFolderFor, ProvinceKeyring } from '../keys/province-keyring';

export function runKeysCommand(dbSpec: string, action: string | undefined): number {
  const folder = keyFolderFor(dbSpec);
  if (action === 'rotate') {
    const ring = ProvinceKeyring.open(folder);
    const key = ring.rotate();
    process.stdout.write(`New province key ${key.keyId} (signing ${key.signKeyId}) in ${folder}; PCs get it on their next sync. Older keys still decrypt.\n`);
    return 0;
  }
  if (action === 'list') {
    const keys = ProvinceKeyring.open(folder).publicKeys();
    if (keys.length === 0) process.stdout.write(`No province key yet in ${folder} (the server makes one at its first start, or run: keys rotate)\n`);
    keys.forEach((k, i) => process.stdout.write(`${k.keyId}  signing ${k.signKeyId}  created ${k.createdAt}${i === keys.length - 1 ? '  (current)' : ''}\n`));
    return 0;
  }
  throw new CliError('server-admin keys: say list or rotate');
}

/** The receipt beside the carried file unless told where; never over an existing file. */
export function writeReceiptFile(carriedFile: string, out: string | null, receipt: string): void {
  const parsed = path.parse(path.resolve(carriedFile));
  const target = out ?? path.join(parsed.dir, `${parsed.name}-回执${CARRIED_RECEIPT_EXTENSION}`);
  try {
    fs.writeFileSync(target, receipt, { flag: out ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (fs.readFileSync(target, 'utf8') === receipt) {
      process.stdout.write(`Receipt for the county (already written): ${target}\n`);
      return;
    }
    throw new CliError(`server-admin import-batches: ${target} exists; give --receipt OUT (importing the file again gives the same receipt)`, 1);
  }
  process.stdout.write(`Receipt for the county: ${target}\n`);
}
