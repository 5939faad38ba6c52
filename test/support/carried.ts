/** Carried-file test support: a province keyring in a temp folder, and receipts signed by it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProvinceKeyring } from '../../src-server/keys/province-keyring';
import { signedReceipt } from '../../src-server/sync/import-result';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import type { BatchOutcome } from '../../src-shared/carried-file';
import type { TempApp } from './temp-app';

export function testKeyring(): ProvinceKeyring {
  return ProvinceKeyring.open(fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-keys-')), { create: true });
}

/** A receipt for this PC, signed by `keys`, naming `batches` (none: a receipt that changes nothing). */
export async function signedEmptyReceipt(pc: TempApp, keys: ProvinceKeyring, batches: BatchOutcome[] = []): Promise<Buffer> {
  const settings = new SettingsRepository(pc.context.db);
  const countyCode = (await settings.get<string>('countyCode')) ?? '230102';
  const serverDeviceId = (await settings.get<string>('serverDeviceId')) ?? 'none';
  const text = signedReceipt(keys, { fileId: 'f'.repeat(64), fileHash: '0'.repeat(64), sourceFormat: 2, countyCode, serverDeviceId, batches });
  return Buffer.from(text, 'utf8');
}
