/**
 * The one reader of dates as people type them and spreadsheets store them, shared by the entry forms and the
 * import, so a date the import takes is never refused by the form (and the other way round):
 *   2020-04-05, 2020/4/5, 2020.4.5, 2020年4月5日, 20200405 (full-width digits and spaces allowed), the same
 *   followed by a time of day (2020/4/5 10:30, as Excel writes a date-time), an Excel serial number (43926), as a
 *   number cell or as text, and 20200405 as a number cell.
 * It answers 'YYYY-MM-DD' or null; the callers say in Chinese what to write instead (DATE_FORMATS_HINT).
 */
import { addDays, parseFlexibleDate } from './dates';
import { stripAllSpaces, toHalfWidth } from './half-width';

/** What the messages tell a clerk to write; every form listed is accepted. */
export const DATE_FORMATS_HINT = '可写成 2020-04-05、2020/4/5、2020.4.5、20200405 或 2020年4月5日';

/**
 * Excel's 1900 date system: serial 1 = 1900-01-01, and Lotus's bug kept: serial 60 is 1900-02-29, a day that never
 * existed, so from serial 61 (1900-03-01) on, one day too many is counted. 43922 = 2020-04-01.
 */
export function excelSerialToIso(serial: number): string | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day > 2958465 || day === 60) return null;
  return addDays('1899-12-31', day > 60 ? day - 1 : day);
}

/**
 * Serial numbers plausible for this campaign's records (1954..2119). Other numbers are not taken as dates: a
 * clerk who typed 123 meant something else, and guessing 1900-05-02 would hide the mistake.
 */
const PLAUSIBLE_SERIAL = { min: 20000, max: 80000 };

function plausibleSerial(serial: number): string | null {
  return serial >= PLAUSIBLE_SERIAL.min && serial <= PLAUSIBLE_SERIAL.max ? excelSerialToIso(serial) : null;
}

/** A number cell: an Excel serial (a time of day dropped), or 20200405 stored as a number. */
export function dateFromNumber(value: number): string | null {
  const serial = plausibleSerial(value);
  if (serial) return serial;
  if (Number.isInteger(value) && value >= 19000101 && value <= 21001231) return parseFlexibleDate(String(value));
  return null;
}

/** Typed or text-cell dates; see the file comment for the forms. Blank text is null (the caller says 请填写). */
export function parseTypedDate(text: string): string | null {
  const compact = stripAllSpaces(toHalfWidth(text));
  if (compact === '') return null;
  // A time of day after the date (Excel's date-time text) does not change the day.
  const parsed = parseFlexibleDate(toHalfWidth(text).trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, ''));
  if (parsed) return parsed;
  // A CSV saved from a sheet whose date column had lost its date format carries the serial number as text.
  if (/^\d{5}$/.test(compact)) return plausibleSerial(Number(compact));
  return null;
}

/** A form's date value as sent to the contract: 'YYYY-MM-DD', or the text as typed for the main side to refuse. */
export function isoOrTyped(value: string | null | undefined): string {
  const text = value?.trim() ?? '';
  return parseTypedDate(text) ?? text;
}
