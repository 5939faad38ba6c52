/**
 * The audit trail of a trainee update keeps the ID number and phone before and after ({id_number: [before, after]});
 * those values are sealed like the row's own columns, the rest of the detail stays readable JSON.
 */
import { isSealedText, type PersonalDataCipher } from './personal-data';

export const SEALED_AUDIT_FIELDS: ReadonlySet<string> = new Set(['id_number', 'phone']);

type Pair = [unknown, unknown];

function mapPairs(changesJson: string, map: (value: string) => string | null): string | null {
  const parsed = JSON.parse(changesJson) as Record<string, unknown>;
  let changed = false;
  for (const field of SEALED_AUDIT_FIELDS) {
    const pair = parsed[field];
    if (!Array.isArray(pair)) continue;
    parsed[field] = (pair as Pair).map((value) => {
      if (typeof value !== 'string') return value;
      const next = map(value);
      if (next === null) return value;
      changed = true;
      return next;
    });
  }
  return changed ? JSON.stringify(parsed) : null;
}

/** The changes with their clear numbers sealed; null when there was nothing to seal. */
export function sealAuditNumbers(cipher: PersonalDataCipher, changesJson: string): string | null {
  return mapPairs(changesJson, (value) => (isSealedText(value) ? null : cipher.seal(value)));
}

/** The changes with their numbers opened; null when none was sealed. */
export function openAuditNumbers(cipher: PersonalDataCipher, changesJson: string): string | null {
  return mapPairs(changesJson, (value) => (isSealedText(value) ? cipher.open(value) : null));
}
