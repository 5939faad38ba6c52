/**
 * The PC's side of the wire: plain `fetch` with a timeout, every answer checked against the shared
 * protocol schemas before it is trusted. Failures are classified, not thrown: a network error, a
 * timeout, 5xx and 429 mean "send the same bytes again later"; any other refusal is final for this run.
 */
import { z } from 'zod';
import {
  CLIENT_TIME_HEADER,
  CLOCK_SKEW_HEADER,
  deviceKeysResponseSchema,
  enrolResponseSchema,
  errorEnvelopeSchema,
  okEnvelope,
  pullPageSchema,
  pushReceiptSchema,
  type DeviceKeysResponse,
  type EnrolRequest,
  type EnrolResponse,
  type PullPage,
  type PushReceipt,
  type SyncDataset,
} from '../../../src-shared/sync-protocol';
import { normaliseServerUrl } from '../../../src-shared/domain/server-url';
import { countyAuditReceiptSchema, type CountyAuditPush, type CountyAuditReceipt, type CountyAuditWireRow } from '../../../src-shared/county-audit';

export type Transient = { kind: 'retry'; reason: 'network' | 'timeout' | 'server' | 'rate_limited'; retryAfterMs?: number };
export type Refused = { kind: 'refused'; status: number; code: string; message: string; details?: Record<string, unknown> };
/** `clockSkewMs`: this PC's clock minus the server's, when the server said (see CLIENT_TIME_HEADER). */
export type Answer<T> = { kind: 'ok'; data: T; replayed: boolean; clockSkewMs?: number } | Transient | Refused;

export interface SyncHttpOptions {
  baseUrl: string;
  token?: string | null;
  timeoutMs?: number;
  /** The PC's wall clock; injectable so tests can play a PC whose clock is days off. */
  now?: () => number;
}

const INVALID_ANSWER = '省服务器的答复无法识别，请确认服务器地址正确，或稍后再试';
const REDIRECTED = '省服务器地址把请求转到了别的地址，程序不会跟随。请向省级管理员确认正确的服务器地址，再重新填写';

/** Thrown when asked to talk to an address the shared rule refuses: no request is ever sent there. */
export class RefusedServerUrl extends Error {
  constructor(readonly clerkMessage: string) {
    super('server URL refused by the https-only rule');
    this.name = 'RefusedServerUrl';
  }
}

export class SyncHttp {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: SyncHttpOptions) {
    // The last line of defence: callers check first and tell the clerk, but no path reaches fetch without this.
    const checked = normaliseServerUrl(options.baseUrl);
    if (!checked.ok) throw new RefusedServerUrl(checked.message);
    this.baseUrl = checked.url;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  enrol(request: EnrolRequest): Promise<Answer<EnrolResponse>> {
    return this.call('POST', '/api/v1/enrol', enrolResponseSchema, { body: JSON.stringify(request), headers: { 'content-type': 'application/json' } });
  }

  /** Registers this PC's signing key (when the server has none for it) and fetches the province's keys. */
  keys(signingKey: string): Promise<Answer<DeviceKeysResponse>> {
    return this.call('POST', '/api/v1/sync/keys', deviceKeysResponseSchema, { body: JSON.stringify({ signingKey }), headers: { 'content-type': 'application/json' } });
  }

  /** Sends the frozen, already gzipped bytes of a batch under its id as the idempotency key. */
  push(batchId: string, gzippedBody: Uint8Array): Promise<Answer<PushReceipt>> {
    return this.call('POST', '/api/v1/sync/push', pushReceiptSchema, {
      body: gzippedBody,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'idempotency-key': batchId },
    });
  }

  /** Sends a page of this PC's audit chain (src-shared/county-audit.ts); a resend is counted as duplicates. */
  pushAudit(chain: string, rows: CountyAuditWireRow[]): Promise<Answer<CountyAuditReceipt>> {
    const body: CountyAuditPush = { chain, rows };
    return this.call('POST', '/api/v1/sync/audit', countyAuditReceiptSchema, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  pull(dataset: SyncDataset, cursor: number, limit: number): Promise<Answer<PullPage>> {
    const query = new URLSearchParams({ dataset, cursor: String(cursor), limit: String(limit) });
    return this.call('GET', `/api/v1/sync/pull?${query.toString()}`, pullPageSchema, {});
  }

  private async call<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    init: { body?: string | Uint8Array; headers?: Record<string, string> },
  ): Promise<Answer<z.output<T>>> {
    const headers: Record<string, string> = { accept: 'application/json', [CLIENT_TIME_HEADER]: String(Math.round((this.options.now ?? Date.now)())), ...init.headers };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    let text: string;
    try {
      const body = typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body);
      // Never follow a redirect: its Location was never checked by the https-only rule, and a 307/308 would re-send
      // the body (the county's personal data, the enrolment code) there. The 3xx itself is refused below.
      response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return { kind: 'retry', reason: timedOut ? 'timeout' : 'network' };
    }
    if (response.status >= 300 && response.status < 400) return { kind: 'refused', status: response.status, code: 'REDIRECTED', message: REDIRECTED };
    if (response.status === 429) return { kind: 'retry', reason: 'rate_limited', retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    if (response.status >= 500) return { kind: 'retry', reason: 'server' };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // A proxy's HTML error page or a cut answer: not the server's word, so not final.
      return response.ok ? { kind: 'retry', reason: 'network' } : { kind: 'refused', status: response.status, code: 'INVALID_ANSWER', message: INVALID_ANSWER };
    }
    if (response.ok) {
      const ok = okEnvelope(schema).safeParse(json);
      if (ok.success) {
        const skew = Number(response.headers.get(CLOCK_SKEW_HEADER) ?? NaN);
        const data = (ok.data as { data: unknown }).data as z.output<T>;
        return { kind: 'ok', data, replayed: response.headers.get('idempotent-replayed') === 'true', ...(Number.isFinite(skew) ? { clockSkewMs: skew } : {}) };
      }
      return { kind: 'refused', status: response.status, code: 'INVALID_ANSWER', message: INVALID_ANSWER };
    }
    const failed = errorEnvelopeSchema.safeParse(json);
    if (!failed.success) return { kind: 'refused', status: response.status, code: 'INVALID_ANSWER', message: INVALID_ANSWER };
    return { kind: 'refused', status: response.status, ...failed.data.error };
  }
}

function retryAfterMs(header: string | null): number | undefined {
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
