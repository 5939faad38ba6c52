/** Writes this PC's unsent batches to a file (see unsent-file.ts), freezing any unsent op first. */
import type { Knex } from 'knex';
import { AppError } from '../../../src-shared/errors';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { freezeAll } from './batcher';
import { BATCH_SIZE } from './sync-engine';
import { UNSENT_FILE_FORMAT, UNSENT_FILE_VERSION, type UnsentFile } from '../../../src-shared/unsent-file';
import { unsentChecksum } from '../../../src-node/unsent-file';

export async function exportUnsent(db: Knex): Promise<{ text: string; batches: number; ops: number }> {
  const settings = new SettingsRepository(db);
  const [countyCode, serverDeviceId, clientDeviceId] = await Promise.all([
    settings.get<string>('countyCode'),
    settings.get<string>('serverDeviceId'),
    settings.get<string>('deviceId'),
  ]);
  // The server needs to know which PC's sequence the batches continue: only an enrolled PC has one.
  if (!countyCode || !serverDeviceId) throw new AppError('NOT_CONFIGURED', '本机尚未登记到省服务器，无法导出未上报数据。请先用登记码完成登记（登记只需联网一次）');
  const batches = await freezeAll(db, clientDeviceId ?? '', BATCH_SIZE.max);
  if (batches.length === 0) throw new AppError('NOT_FOUND', '没有未上报的数据，不需要导出');
  const body: Omit<UnsentFile, 'checksum'> = {
    format: UNSENT_FILE_FORMAT,
    version: UNSENT_FILE_VERSION,
    countyCode,
    serverDeviceId,
    clientDeviceId: clientDeviceId ?? '',
    createdAt: new Date().toISOString(),
    batches: batches.map((b) => ({ batchId: b.batchId, firstSeq: b.firstSeq, lastSeq: b.lastSeq, opCount: b.opCount, body: b.body.toString('base64') })),
  };
  const file: UnsentFile = { ...body, checksum: unsentChecksum(body) };
  return { text: JSON.stringify(file), batches: batches.length, ops: batches.reduce((n, b) => n + b.opCount, 0) };
}
