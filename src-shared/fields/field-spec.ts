/**
 * The shape of a synced field table (trainee-fields.ts, enrolment-fields.ts): one entry per field that
 * travels between a county PC and the provincial server, declared once and read by the desktop mapper,
 * changed-field detection, the server's apply and fast path, conflict notices, history labels, import
 * headers and export columns. Pure: no Node, no DOM.
 */
import { isValidIsoDate } from '../domain/dates';

/** Returned by a codec's `fast` check: the value is not in canonical form, let zod decide. */
export const SLOW: unique symbol = Symbol('slow');

export interface FastContext {
  /** The batch's date (an ID number's birth date may not be after it). */
  today: string;
  /** Set by the ID-number codec: its check, reused for birth date and sex. */
  idCard?: unknown;
}

/**
 * How a field's value travels (the op payload: JSON) and how it is stored (a column, the same on both
 * stores unless `storedApart`). `fast` accepts a payload value in the canonical form the PC writes and
 * returns exactly what the zod schema would return for it, or SLOW.
 */
export interface FieldCodec {
  /** What kind of value it is (tests pick sample values by it). */
  kind: 'text' | 'optionalText' | 'date' | 'optionalDate' | 'flag' | 'optionalFlag' | 'reference' | 'requiredReference' | 'derived' | 'idNumber' | 'phone' | 'categories' | 'hours';
  /** Payload value -> column value. */
  toColumn(value: unknown): unknown;
  /** Column value -> payload value. */
  fromColumn(value: unknown): unknown;
  fast(value: unknown, context: FastContext): unknown;
}

/** What a value means to a reader: how a conflict notice, the history and an export show it. */
export type FieldDisplay = 'plain' | 'idNumber' | 'phone' | 'categories' | 'hukou' | 'yesNo' | 'sex' | 'reference';

/**
 * What happens when an op leaves a field out. 'required': the payload is refused by zod (a put must
 * carry it); 'null': a put stores null; 'keep': a put leaves it absent (stored as null on a new row).
 */
export type Absent = 'required' | 'null' | 'keep';

/** A column of the import template and of exports. */
export interface SheetColumn {
  /** 1-based position in the template (exports follow the template so they can be imported again). */
  position: number;
  width: number;
  /** Text-formatted column (Excel must not turn the value into a number). */
  text?: boolean;
  /** Every row must have a value: the template marks it *, and a sheet without the column needs a value given for every row. */
  required?: boolean;
  /**
   * An import may leave it unknown (待补充): the column may be missing or a cell empty, and the entry form asks for
   * it the next time the record is opened. Never for what the notice requires (name, ID number).
   */
  mayStayUnknown?: boolean;
  /** A sheet without the column may give one value for every row (户籍 = 城镇 for a street office's list). */
  fillable?: boolean;
  /** Header words recognised when reading a sheet (the label is always one of them). */
  synonyms: readonly string[];
}

export interface SyncedField {
  /** Name in the contract and in op payloads. */
  field: string;
  /** Column on the desktop and on the server. */
  column: string;
  /** The entry form's word for it: every screen, notice and sheet shows this one. */
  label: string;
  codec: FieldCodec;
  display: FieldDisplay;
  absent: Absent;
  /**
   * Merge rule on the server: 'lww' (field-level last writer wins by HLC, a differing value of another PC
   * kept in sync_conflicts); 'derived' (recomputed from another field, never merged nor sent for storage).
   */
  merge: 'lww' | 'derived';
  /** Stored in a table of its own on the desktop (categories), so not a column of the desktop row. */
  storedApart?: boolean;
  /** Imported and exported as a sheet column; `sheetField` when the sheet holds something else (a platform's name). */
  sheet?: SheetColumn & { sheetField?: string };
}

const same = (value: unknown): unknown => value;

/** Text as textField leaves it (inner white space folded, trimmed), within its length. */
export function cleanText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max && value === value.replace(/\s+/g, ' ').trim();
}

/** zod 4's `z.uuid()` pattern (RFC 9562 variants, plus the nil and max UUIDs). */
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A trimmed ISO date as isoDateField accepts it. */
export const cleanDate = (value: unknown): value is string => typeof value === 'string' && value.length === 10 && isValidIsoDate(value);

/** Required text (textField with min/max), optionally refused by a pattern the schema refuses. */
export function textCodec(min: number, max: number, forbidden?: RegExp): FieldCodec {
  return { kind: 'text', toColumn: same, fromColumn: same, fast: (v) => (cleanText(v, min, max) && !forbidden?.test(v) ? v : SLOW) };
}

/** optionalText: null stays null (absence is handled by `absent`). */
export function optionalTextCodec(max: number): FieldCodec {
  return {
    kind: 'optionalText',
    toColumn: (v) => v ?? null,
    fromColumn: same,
    fast: (v) => (v === null ? null : cleanText(v, 0, max) ? v : SLOW),
  };
}

export const dateCodec: FieldCodec = { kind: 'date', toColumn: same, fromColumn: same, fast: (v) => (cleanDate(v) ? v : SLOW) };

/** A nullable date (an end date): null stays null. */
export const optionalDateCodec: FieldCodec = { kind: 'optionalDate', toColumn: (v) => v ?? null, fromColumn: same, fast: (v) => (v === null ? null : cleanDate(v) ? v : SLOW) };

/** true/false on the wire, 1/0 in both stores (SQLite has no boolean). */
export const flagCodec: FieldCodec = {
  kind: 'flag',
  toColumn: (v) => (v ? 1 : 0),
  fromColumn: (v) => v === 1 || v === true,
  fast: (v) => (typeof v === 'boolean' ? v : SLOW),
};

/** true/false/null on the wire (null: not known yet, 待补充), 1/0/NULL in both stores. */
export const optionalFlagCodec: FieldCodec = {
  kind: 'optionalFlag',
  toColumn: (v) => (v === null || v === undefined ? null : v ? 1 : 0),
  fromColumn: (v) => (v === null || v === undefined ? null : v === 1 || v === true),
  fast: (v) => (v === null || typeof v === 'boolean' ? v : SLOW),
};

/** An id of another row, or null. */
export const referenceCodec: FieldCodec = { kind: 'reference', toColumn: (v) => v ?? null, fromColumn: same, fast: (v) => (v === null ? null : isUuid(v) ? v : SLOW) };

/** An id of another row that must be there. */
export const requiredReferenceCodec: FieldCodec = { kind: 'requiredReference', toColumn: same, fromColumn: same, fast: (v) => (isUuid(v) ? v : SLOW) };

/** Written by the desktop from another field (birth date and sex from the ID number): sent along, recomputed by the server. */
export const derivedCodec: FieldCodec = { kind: 'derived', toColumn: same, fromColumn: same, fast: () => SLOW };

/** The fields an op may write (not derived), in table order. */
export function writableFields(table: readonly SyncedField[]): SyncedField[] {
  return table.filter((f) => f.merge !== 'derived');
}

/** Column -> label, for conflict notices (which speak of stored columns). */
export function labelsByColumn(table: readonly SyncedField[]): Record<string, string> {
  return Object.fromEntries(table.map((f) => [f.column, f.label]));
}

/** Field -> label, for the history (which speaks of contract fields). */
export function labelsByField(table: readonly SyncedField[]): Record<string, string> {
  return Object.fromEntries(table.map((f) => [f.field, f.label]));
}

/** The name a field has on a sheet: its own, or the sheet's (a platform's name instead of its id). */
export type SheetName<F> = F extends { sheet: { sheetField: infer S extends string } } ? S : F extends { sheet: object; field: infer N extends string } ? N : never;

export interface SheetEntry<N extends string = string> extends SheetColumn {
  name: N;
  spec: SyncedField;
}

/** The table's sheet columns in template order, each under its sheet name. */
export function sheetColumns<const T extends readonly SyncedField[]>(table: T): Array<SheetEntry<SheetName<T[number]>>> {
  return table
    .filter((f) => f.sheet !== undefined)
    .map((f) => ({ ...f.sheet!, name: (f.sheet!.sheetField ?? f.field) as SheetName<T[number]>, spec: f }))
    .sort((a, b) => a.position - b.position);
}
