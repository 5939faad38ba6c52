/**
 * The import's sealing thread (seal-ahead.ts): seals blocks of ID numbers and phones as they are asked for, in
 * order, with the seal key it was started with. The app's own cipher code, so a value sealed here is the one the
 * main thread would have written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GcmSealer } from './personal-data';
import type { SealReply, SealRequest, SealWorkerData } from './seal-worker-protocol';

const port = parentPort;
if (!port) throw new Error('seal-worker.ts runs as a worker thread');
const sealer = new GcmSealer(Buffer.from((workerData as SealWorkerData).sealKey));
port.on('message', (message: unknown) => {
  const request = (typeof message === 'object' && message !== null ? message : {}) as Partial<SealRequest>;
  if (typeof request.block !== 'number') return;
  const texts: unknown[] = Array.isArray(request.texts) ? request.texts : [];
  // Only seal-ahead.ts posts here. A block that is not all text gets no values: the main thread then seals it.
  const sealed = texts.every((text) => typeof text === 'string') ? texts.map((text) => sealer.seal(text as string)) : [];
  const reply: SealReply = { block: request.block, sealed };
  port.postMessage(reply);
});
