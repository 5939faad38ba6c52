/**
 * ID numbers Excel has already damaged. Excel keeps 15 significant digits of a number, so an 18-digit ID number
 * stored as a number has lost its last three characters (and an X check character cannot be a number at all).
 * Written back as digits (230102196501011000) it would look real and, re-imported, could even pass the checksum
 * as another person: so it is only ever shown the way Excel shows it (2.30102E+17), which no one can take for an
 * ID number, and that text is refused again when the report comes back.
 */
import type { RawCell } from './sheet-source';

/** Numbers this large are beyond what a double holds digit for digit (2^53 ~ 9.0e15); Excel keeps 15 digits anyway. */
const DAMAGED_FROM = 1e15;

export interface DamagedId {
  /** As Excel's General format shows it (2.30102E+17). */
  shown: string;
}

/** Excel's General format in a standard-width column: 6 significant digits, trailing zeros dropped. */
export function excelGeneralNumber(value: number): string {
  const [mantissa, exponent] = value.toExponential(5).split('e');
  const trimmed = mantissa!.replace(/\.?0+$/, '');
  const power = Number(exponent);
  return `${trimmed}E${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}

/**
 * The damage, or null for a cell that is not a number Excel cut short. Text such as 2.30102E+17 (the report
 * coming back, or a CSV saved from such a sheet) is refused by the ID number check itself (科学计数法).
 */
export function damagedIdNumber(cell: RawCell): DamagedId | null {
  if (typeof cell === 'number' && Number.isFinite(cell) && Math.abs(cell) >= DAMAGED_FROM) return { shown: excelGeneralNumber(cell) };
  return null;
}
