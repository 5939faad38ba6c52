/**
 * The push body on the wire, schema version 2: a batch's ops as columns instead of an array of objects.
 * gzip only looks 32 KB back and pays for every repeated key and every field boundary; in columns the
 * same kind of value sits side by side (every op id, then every seq, ...), ids and times become small
 * deltas, and a payload's keys are sent once per shape. About a third of the v1 bytes per op.
 *
 * Each column is chosen from its values and tagged, so the format knows nothing of entities:
 *   ['d', first, ...deltas]   safe integers, each as the difference to the one before
 *   ['u', ...]                lowercase UUIDs (or null): per value the millisecond prefix as a delta, then
 *                             the 80-bit tail as a delta of its low 48 bits (a number) or in full (20 hex)
 *   ['t', ...]                ISO timestamps (ms, Z) as millisecond deltas
 *   ['h', wall, counter, node] HLC stamps split into three columns
 *   ['k', dictionary, indexes] few distinct primitives
 *   ['e']                     (payload only) every value equals the op's entityId
 *   ['v', ...values]          anything else, as is
 * Decoding checks every count, type and range and returns the v1 shape (PushRequest), so the server's
 * apply path is the same for both versions. The body hash and the idempotency key cover these bytes.
 */
import { z } from 'zod';
import { formatHlc } from './domain/hlc';
import { batchOrderIssue, MAX_OPS_PER_BATCH, pushHeaderSchema, pushRequestSchema, SYNC_SCHEMA_VERSION, type PushRequest, type SyncOp } from './sync-protocol';

export type WireColumn = unknown[];

export interface PushWireBody {
  schemaVersion: number;
  batchId: string;
  deviceId: string;
  prevSeq: number | null;
  firstSeq: number;
  lastSeq: number;
  createdAt: string;
  count: number;
  /** One column per op field (payload aside), plus `shape`: the index of the op's payload shape. */
  ops: Record<(typeof OP_FIELDS)[number] | 'shape', WireColumn>;
  /** Distinct payload key lists, each with one column per key over the ops of that shape. */
  shapes: Array<{ keys: string[]; columns: WireColumn[] }>;
}

const OP_FIELDS = ['opId', 'seq', 'entity', 'entityId', 'op', 'hlc', 'operatorId', 'createdAt'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TAIL = /^[0-9a-f]{20}$/;
const ISO_MS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/;
const LOW_SPAN = 2 ** 48;
const DICTIONARY_MAX = 256;

export class WireError extends Error {}

function fail(message: string): never {
  throw new WireError(message);
}

// ---------------------------------------------------------------------------------------------- encode

const isPrimitive = (v: unknown): v is string | number | boolean | null => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A stamp as formatHlc writes it (15-digit wall, 5-digit counter, node): its parts format back to it. */
const HLC_FORMATTED = /^\d{15}:\d{5}:./;
const isFormattedHlc = (value: unknown): value is string => typeof value === 'string' && HLC_FORMATTED.test(value);

// Timestamps by arithmetic: Date.parse and toISOString cost microseconds each, and a batch has thousands.
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;
const FIRST_MS = Date.UTC(1000, 0, 1);
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The milliseconds of a timestamp that toISOString writes back exactly (years 1000-9999), else NaN. */
function isoMs(value: unknown): number {
  const m = typeof value === 'string' ? ISO_MS.exec(value) : null;
  if (!m) return NaN;
  const [y, mo, d, h, mi, sec, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  const days = mo === 2 && isLeap(y) ? 29 : MONTH_DAYS[mo - 1];
  if (y < 1000 || days === undefined || d < 1 || d > days || h > 23 || mi > 59 || sec > 59) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** new Date(ms).toISOString(), for years 1000-9999 (days to civil date: H. Hinnant's algorithm). */
function isoText(ms: number): string {
  if (ms < FIRST_MS || ms > LAST_MS) {
    const date = new Date(ms);
    if (Number.isNaN(date.getTime())) fail('time: out of range');
    return date.toISOString();
  }
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const sec = Math.floor(rest / 1000);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mo <= 2 ? 1 : 0);
  return `${y}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(sec, 2)}.${pad(rest - sec * 1000, 3)}Z`;
}

function deltas(values: readonly number[]): number[] {
  return values.map((v, i) => (i === 0 ? v : v - values[i - 1]!));
}

function encodeUuids(values: readonly (string | null)[]): WireColumn {
  const out: unknown[] = ['u'];
  let time = 0;
  let high = '';
  let low = 0;
  for (const value of values) {
    if (value === null) {
      out.push(null);
      continue;
    }
    // xxxxxxxx-xxxx-HHHH-HHHH-LLLLLLLLLLLL: 48 bits of time, then the tail's high 32 and low 48 bits.
    const t = parseInt(value.slice(0, 8) + value.slice(9, 13), 16);
    const h = value.slice(14, 18) + value.slice(19, 23);
    const l = parseInt(value.slice(24), 16);
    out.push(t - time, h === high ? l - low : h + value.slice(24));
    time = t;
    high = h;
    low = l;
  }
  return out;
}

export function encodeColumn(values: readonly unknown[]): WireColumn {
  if (values.length > 0 && values.every((v) => Number.isSafeInteger(v))) {
    const steps = deltas(values as number[]);
    if (steps.every((d) => Number.isSafeInteger(d))) return ['d', ...steps];
  }
  if (values.some((v) => v !== null) && values.every((v) => v === null || (typeof v === 'string' && UUID.test(v)))) return encodeUuids(values as (string | null)[]);
  const times: number[] = [];
  for (const value of values) {
    const ms = isoMs(value);
    if (Number.isNaN(ms)) break;
    times.push(ms);
  }
  if (times.length > 0 && times.length === values.length) return ['t', ...deltas(times)];
  if (values.length > 0 && values.every(isFormattedHlc)) {
    const stamps = values as string[];
    return ['h', encodeColumn(stamps.map((s) => Number(s.slice(0, 15)))), encodeColumn(stamps.map((s) => Number(s.slice(16, 21)))), encodeColumn(stamps.map((s) => s.slice(22)))];
  }
  if (values.every(isPrimitive)) {
    const index = new Map<unknown, number>();
    for (const v of values) if (!index.has(v) && index.size <= DICTIONARY_MAX) index.set(v, index.size);
    if (index.size <= DICTIONARY_MAX && index.size * 4 <= values.length) return ['k', [...index.keys()], encodeColumn(values.map((v) => index.get(v)!))];
  }
  return ['v', ...values];
}

export function encodePushRequest(request: PushRequest): PushWireBody {
  const { ops, ...header } = request;
  const shapeIndex = new Map<string, number>();
  const shapes: Array<{ keys: string[]; rows: SyncOp[] }> = [];
  const shapeOfOp = ops.map((op) => {
    const keys = Object.keys(op.payload);
    const id = keys.join('\u0000');
    let index = shapeIndex.get(id);
    if (index === undefined) {
      index = shapes.length;
      shapeIndex.set(id, index);
      shapes.push({ keys, rows: [] });
    }
    shapes[index]!.rows.push(op);
    return index;
  });
  const columns = Object.fromEntries(OP_FIELDS.map((field) => [field, encodeColumn(ops.map((op) => op[field]))])) as PushWireBody['ops'];
  columns.shape = encodeColumn(shapeOfOp);
  return {
    ...header,
    schemaVersion: SYNC_SCHEMA_VERSION,
    count: ops.length,
    ops: columns,
    shapes: shapes.map(({ keys, rows }) => ({
      keys,
      columns: keys.map((key) => (rows.every((op) => op.payload[key] === op.entityId) ? ['e'] : encodeColumn(rows.map((op) => op.payload[key])))),
    })),
  };
}

// ---------------------------------------------------------------------------------------------- decode

function integer(value: unknown, what: string): number {
  if (!Number.isSafeInteger(value)) fail(`${what}: not an integer`);
  return value as number;
}

function decodeUuids(data: readonly unknown[], n: number): Array<string | null> {
  const out: Array<string | null> = [];
  let time = -1;
  let timeText = '';
  let highText: string | null = null;
  let low = 0;
  let i = 0;
  while (out.length < n) {
    if (i >= data.length) fail('uuid column: too short');
    const first = data[i++];
    if (first === null) {
      out.push(null);
      continue;
    }
    const step = integer(first, 'uuid time');
    // The formatted prefixes are kept while they do not change (most ids of a batch share them).
    if (step !== 0 || time < 0) {
      time = (time < 0 ? 0 : time) + step;
      if (time < 0 || time >= LOW_SPAN) fail('uuid time: out of range');
      const t = time.toString(16).padStart(12, '0');
      timeText = `${t.slice(0, 8)}-${t.slice(8)}-`;
    }
    const tail = data[i++];
    if (typeof tail === 'string') {
      if (!TAIL.test(tail)) fail('uuid tail: not 20 hex digits');
      highText = `${tail.slice(0, 4)}-${tail.slice(4, 8)}-`;
      low = parseInt(tail.slice(8), 16);
    } else {
      if (highText === null) fail('uuid tail: delta without a base');
      low += integer(tail, 'uuid tail');
      if (low < 0 || low >= LOW_SPAN) fail('uuid tail: out of range');
    }
    out.push(timeText + highText + low.toString(16).padStart(12, '0'));
  }
  if (i !== data.length) fail('uuid column: too long');
  return out;
}

export function decodeColumn(column: unknown, n: number, depth = 0): unknown[] {
  if (!Array.isArray(column) || column.length === 0) fail('column: not a tagged array');
  // The encoder nests only inside stamps (node column as a dictionary, a node that is itself a stamp: a
  // stamp has at most 120 characters, 22 per level); anything deeper is not ours and must not eat the stack.
  if (depth > 8) fail('column: nested too deep');
  const [tag, ...data] = column as unknown[];
  switch (tag) {
    case 'v':
      if (data.length !== n) fail('value column: wrong length');
      return data;
    case 'd':
    case 't': {
      if (data.length !== n) fail('delta column: wrong length');
      let sum = 0;
      const values = data.map((d) => {
        sum += integer(d, 'delta');
        if (!Number.isSafeInteger(sum)) fail('delta: out of range');
        return sum;
      });
      if (tag === 'd') return values;
      return values.map(isoText);
    }
    case 'u':
      return decodeUuids(data, n);
    case 'h': {
      if (data.length !== 3) fail('hlc column: wrong shape');
      const [walls, counters, nodes] = data.map((c) => decodeColumn(c, n, depth + 1));
      return walls!.map((wall, i) => {
        const counter = counters![i];
        const node = nodes![i];
        if (!Number.isSafeInteger(wall) || (wall as number) < 0 || !Number.isSafeInteger(counter) || (counter as number) < 0 || typeof node !== 'string' || node.length === 0) fail('hlc: bad part');
        return formatHlc({ wallMs: wall as number, counter: counter as number }, node);
      });
    }
    case 'k': {
      if (data.length !== 2 || !Array.isArray(data[0]) || data[0].length > DICTIONARY_MAX) fail('dictionary column: wrong shape');
      const dictionary = data[0] as unknown[];
      if (!dictionary.every(isPrimitive)) fail('dictionary: not primitive');
      return decodeColumn(data[1], n, depth + 1).map((index) => {
        if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) >= dictionary.length) fail('dictionary: bad index');
        return dictionary[index as number];
      });
    }
    default:
      return fail('column: unknown tag');
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The ops of a v2 body (the header is checked by the caller); throws WireError on anything malformed. */
export function decodeOps(body: Record<string, unknown>, maxOps: number): SyncOp[] {
  const n = integer(body.count, 'count');
  if (n < 1 || n > maxOps) fail('count: out of range');
  if (!isRecord(body.ops) || !Array.isArray(body.shapes)) fail('ops or shapes missing');
  const columns = body.ops;
  const fields = Object.fromEntries(OP_FIELDS.map((f) => [f, decodeColumn(columns[f], n)])) as Record<(typeof OP_FIELDS)[number], unknown[]>;
  const shapeOfOp = decodeColumn(columns.shape, n);
  const shapes = body.shapes as unknown[];
  if (shapes.length > n) fail('shapes: more than ops');
  const members: number[][] = shapes.map(() => []);
  shapeOfOp.forEach((s, i) => {
    if (!Number.isSafeInteger(s) || (s as number) < 0 || (s as number) >= shapes.length) fail('shape: bad index');
    members[s as number]!.push(i);
  });
  const payloads: Array<Record<string, unknown>> = Array.from({ length: n }, () => ({}));
  shapes.forEach((shape, s) => {
    if (!isRecord(shape) || !Array.isArray(shape.keys) || !Array.isArray(shape.columns) || shape.keys.length !== shape.columns.length) fail('shape: wrong form');
    const keys = shape.keys as unknown[];
    if (keys.some((k) => typeof k !== 'string' || k === '__proto__') || new Set(keys).size !== keys.length) fail('shape: bad keys');
    const rows = members[s]!;
    (keys as string[]).forEach((key, k) => {
      const column = (shape.columns as unknown[])[k];
      const values = Array.isArray(column) && column.length === 1 && column[0] === 'e' ? rows.map((i) => fields.entityId[i]) : decodeColumn(column, rows.length);
      rows.forEach((i, r) => {
        payloads[i]![key] = values[r];
      });
    });
  });
  return Array.from({ length: n }, (_, i) => checkOp(fields, i, payloads[i]!));
}

const ENTITY = /^[a-z_]{1,40}$/;
const OPS = new Set(['put', 'patch', 'delete']);
const isText = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;

/** The same rules as syncOpSchema (v1), checked by hand: a batch has thousands of ops. */
function checkOp(fields: Record<(typeof OP_FIELDS)[number], unknown[]>, i: number, payload: Record<string, unknown>): SyncOp {
  const opId = fields.opId[i];
  const seq = fields.seq[i];
  const entity = fields.entity[i];
  const entityId = fields.entityId[i];
  const op = fields.op[i];
  const hlc = fields.hlc[i];
  const operatorId = fields.operatorId[i];
  const createdAt = fields.createdAt[i];
  if (typeof opId !== 'string' || !UUID.test(opId.toLowerCase())) fail('opId');
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) fail('seq');
  if (typeof entity !== 'string' || !ENTITY.test(entity)) fail('entity');
  if (!isText(entityId, 1, 64)) fail('entityId');
  if (typeof op !== 'string' || !OPS.has(op)) fail('op');
  if (!isText(hlc, 1, 120)) fail('hlc');
  if (operatorId !== null && !isText(operatorId, 0, 64)) fail('operatorId');
  if (!isText(createdAt, 0, 40)) fail('createdAt');
  return { opId, seq: seq as number, entity, entityId, op: op as SyncOp['op'], hlc, operatorId, createdAt, payload };
}

const wireHeaderSchema = pushHeaderSchema.extend({ count: z.number().int(), ops: z.record(z.string(), z.unknown()), shapes: z.array(z.unknown()) });

/** Where a body failed (field names and indexes, never a value: it goes to the log). */
function issuePath(error: z.ZodError): string {
  return `invalid at ${error.issues[0]?.path.join('.') ?? '?'}`;
}

export type PushBodyCheck = { ok: true; request: PushRequest } | { ok: false; issue: string };

/**
 * A push body (parsed JSON) as a PushRequest: version 1 through its zod schema, version 2 decoded from
 * columns. The caller has refused versions it does not read (READABLE_SCHEMA_VERSIONS).
 */
export function readPushBody(json: unknown): PushBodyCheck {
  if (isRecord(json) && json.schemaVersion === 1) {
    const parsed = pushRequestSchema.safeParse(json);
    return parsed.success ? { ok: true, request: parsed.data } : { ok: false, issue: issuePath(parsed.error) };
  }
  const header = wireHeaderSchema.safeParse(json);
  if (!header.success) return { ok: false, issue: issuePath(header.error) };
  let ops: SyncOp[];
  try {
    ops = decodeOps(json as Record<string, unknown>, MAX_OPS_PER_BATCH);
  } catch (error) {
    if (error instanceof WireError) return { ok: false, issue: error.message };
    throw error;
  }
  const { count: _count, ops: _columns, shapes: _shapes, ...fields } = header.data;
  const request: PushRequest = { ...fields, ops };
  const issue = batchOrderIssue(request);
  return issue ? { ok: false, issue } : { ok: true, request };
}

/** The op ids of a push body in batch order, without rebuilding its ops (a PC checking a receipt). */
export function pushBodyOpIds(json: unknown): string[] {
  if (!isRecord(json)) fail('body: not an object');
  if (json.schemaVersion === 1) {
    if (!Array.isArray(json.ops)) fail('ops missing');
    return json.ops.map((op: unknown) => (isRecord(op) && typeof op.opId === 'string' ? op.opId : fail('opId')));
  }
  if (!isRecord(json.ops)) fail('ops missing');
  const n = integer(json.count, 'count');
  if (n < 1 || n > MAX_OPS_PER_BATCH) fail('count: out of range');
  return decodeColumn(json.ops.opId, n).map((id) => (typeof id === 'string' ? id : fail('opId')));
}
