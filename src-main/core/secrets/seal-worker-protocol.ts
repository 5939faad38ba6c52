/** Messages between the import's sealing thread (seal-worker.ts) and the commit that uses it (seal-ahead.ts). */

/** Given once, at start: the seal key only (the worker cannot compute blind indexes nor open anything else). */
export interface SealWorkerData {
  sealKey: Uint8Array;
}

export interface SealRequest {
  block: number;
  texts: string[];
}

export interface SealReply {
  block: number;
  sealed: string[];
}
