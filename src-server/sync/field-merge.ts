/**
 * Field-level last-writer-wins by hybrid logical clock. Every stored field carries the stamp of the op
 * that wrote it; an op writes a field only when its stamp is higher (stamps compare as strings, so equal
 * wall times and counters fall to the node id: deterministic on every server and in every order).
 * Two PCs never see each other's county rows (they pull only reference data), so a field written by one
 * node and then by another with a different value is a real conflict: the losing value is returned so
 * the caller keeps it for review.
 */
import { formatHlc, parseHlc } from '../../src-shared/domain/hlc';

export type Columns = Record<string, unknown>;

export interface FieldConflict {
  field: string;
  keptValue: unknown;
  keptHlc: string;
  lostValue: unknown;
  lostHlc: string;
  /** True when the incoming op's value lost; false when it overwrote a stored value. */
  incomingLost: boolean;
}

export interface MergeResult {
  /** Columns to write (only the fields the op won). */
  update: Columns;
  /** The row's per-field stamps after the merge. */
  stamps: Record<string, string>;
  /** The highest stamp of the row after the merge. */
  rowHlc: string;
  conflicts: FieldConflict[];
}

export interface StoredRow {
  values: Columns;
  /** Per-field stamps (may be partial: a field without one carries the row stamp). */
  stamps: Record<string, string>;
  rowHlc: string;
}

function nodeOf(stamp: string): string {
  try {
    return parseHlc(stamp).nodeId;
  } catch {
    return '';
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Merges `incoming` (written at stamp `hlc`) into `stored` (null: no row yet). Fields listed in
 * `noConflict` (e.g. deleted_at, whose value is a server time) merge by stamp but never count as
 * conflicts. `baseHlc`: the stamp the writer had seen on the row (patches carry it); without it any
 * differing value of another node counts as unseen.
 */
export function mergeFields(stored: StoredRow | null, incoming: Columns, hlc: string, options: { noConflict?: readonly string[]; baseHlc?: string } = {}): MergeResult {
  const noConflict = options.noConflict ?? [];
  if (!stored) {
    const stamps = Object.fromEntries(Object.keys(incoming).map((f) => [f, hlc]));
    return { update: { ...incoming }, stamps, rowHlc: hlc, conflicts: [] };
  }
  const update: Columns = {};
  const stamps: Record<string, string> = { ...stored.stamps };
  const conflicts: FieldConflict[] = [];
  const node = nodeOf(hlc);
  for (const [field, value] of Object.entries(incoming)) {
    const fieldHlc = stamps[field] ?? stored.rowHlc;
    const fieldNode = nodeOf(fieldHlc);
    // One PC's ops arrive in its own order; a later op of the same node wins even on an equal stamp
    // (stamps clamped to server time can tie).
    const wins = hlc > fieldHlc || (hlc === fieldHlc && node === fieldNode);
    const current = stored.values[field];
    // Not a conflict when the writer had seen the stored value (its base stamp covers it).
    const unseen = options.baseHlc === undefined || fieldHlc > options.baseHlc;
    const disputed = fieldNode !== node && unseen && !same(current, value) && !noConflict.includes(field);
    if (wins) {
      update[field] = value;
      stamps[field] = hlc;
      if (disputed) conflicts.push({ field, keptValue: value, keptHlc: hlc, lostValue: current, lostHlc: fieldHlc, incomingLost: false });
    } else if (disputed) {
      conflicts.push({ field, keptValue: current, keptHlc: fieldHlc, lostValue: value, lostHlc: hlc, incomingLost: true });
    }
  }
  const rowHlc = Object.values(stamps).reduce((max, s) => (s > max ? s : max), stored.rowHlc);
  return { update, stamps, rowHlc, conflicts };
}

/**
 * A stamp from the PC's future (its clock runs ahead of the server's) is pulled back to the server's
 * time, keeping counter and node: a PC whose clock is days ahead would otherwise win every conflict
 * for days. A clock behind cannot be corrected here; the PC is warned instead.
 */
export function clampStamp(stamp: string, serverNowMs: number): { stamp: string; clamped: boolean } {
  // Fast path for the usual stamp (15-digit wall time first): not from the future, nothing to parse.
  if (stamp.charCodeAt(15) === 58 && Number(stamp.slice(0, 15)) <= serverNowMs) return { stamp, clamped: false };
  let parsed;
  try {
    parsed = parseHlc(stamp);
  } catch {
    return { stamp, clamped: false };
  }
  if (parsed.wallMs <= serverNowMs) return { stamp, clamped: false };
  return { stamp: formatHlc({ wallMs: serverNowMs, counter: parsed.counter }, parsed.nodeId), clamped: true };
}

export function parseStamps(text: string | null | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}
