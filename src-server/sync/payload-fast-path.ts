/**
 * A cheap check of the payloads a PC's outbox sends, before the zod schemas (op-payloads.ts) run.
 * The zod parse of a trainee or training record was the largest single cost of ingesting a batch
 * (closures, issue objects, a pipe per text field). A payload in the canonical form the PC writes
 * (trimmed text, normalised ID number and phone, ISO dates) is accepted here with the exact value
 * zod would give; anything else returns null and goes through zod, so every refusal and its Chinese
 * message still come from the one contract. payload-fast-path.test.ts holds the two to the same
 * answers.
 */
import type { IdCardResult } from '../../src-shared/domain/id-card';
import { isUuid, SLOW, writableFields, type FastContext, type FieldCodec, type SyncedField } from '../../src-shared/fields/field-spec';
import { ENROLMENT_TABLE } from '../../src-shared/fields/enrolment-fields';
import { TRAINEE_TABLE } from '../../src-shared/fields/trainee-fields';
import type { TraineePut } from './op-payloads';

/**
 * A table compiled to parallel arrays for the ingest loop: the table's entries have different shapes,
 * and reading them per op was measurably slower than the hand-written checks this replaced.
 */
interface FastPlan {
  fields: string[];
  checks: Array<FieldCodec['fast']>;
  /** 0: required, 1: null when absent, 2: stays absent. */
  absent: Uint8Array;
}

function plan(table: readonly SyncedField[]): FastPlan {
  const writable = writableFields(table);
  return {
    fields: writable.map((f) => f.field),
    checks: writable.map((f) => f.codec.fast),
    absent: Uint8Array.from(writable.map((f) => (f.absent === 'required' ? 0 : f.absent === 'null' ? 1 : 2))),
  };
}

const TRAINEE_PLAN = plan(TRAINEE_TABLE);
const ENROLMENT_PLAN = plan(ENROLMENT_TABLE);

/**
 * Every writable field of the table through its codec's canonical check: a field the table lists is
 * never silently dropped here (field-table.test.ts walks the table). Null when any field is not canonical.
 */
function fastFields({ fields, checks, absent }: FastPlan, payload: Record<string, unknown>, context: FastContext): Record<string, unknown> | null {
  const value: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const raw = payload[field];
    if (raw === undefined) {
      if (absent[i] === 0) return null;
      if (absent[i] === 1) value[field] = null;
      continue;
    }
    const fast = checks[i]!(raw, context);
    if (fast === SLOW) return null;
    value[field] = fast;
  }
  return value;
}

export interface FastTraineePut {
  value: TraineePut;
  /** The ID number's check, reused for birth date and sex. */
  idCard: Extract<IdCardResult, { ok: true }>;
}

/**
 * A trainee put in canonical form, or null (let zod decide). `today`: the batch's date; a birth date
 * after it returns null, and zod (which reads the clock itself) gives the answer.
 */
export function fastTraineePut(payload: Record<string, unknown>, today: string): FastTraineePut | null {
  const id = payload.id;
  if (!isUuid(id)) return null;
  const context: FastContext = { today };
  const value = fastFields(TRAINEE_PLAN, payload, context);
  if (!value) return null;
  value.id = id;
  return { value: value as unknown as TraineePut, idCard: context.idCard as Extract<IdCardResult, { ok: true }> };
}

export interface EnrolmentPut {
  id: string;
  traineeId: string;
  platformId: string;
  occupationId: string | null;
  courseName: string;
  startDate: string;
  endDate: string | null;
  hours: number;
  signedIn: boolean;
  learningRecord?: string | null;
  testResult?: string | null;
}

/** A training record put in canonical form, or null (let zod decide). */
export function fastEnrolmentPut(payload: Record<string, unknown>): EnrolmentPut | null {
  const id = payload.id;
  if (!isUuid(id)) return null;
  const value = fastFields(ENROLMENT_PLAN, payload, { today: '' });
  if (!value) return null;
  // The one rule across fields (enrolmentCreateInput's refine).
  if (value.endDate !== null && (value.endDate as string) < (value.startDate as string)) return null;
  value.id = id;
  return value as unknown as EnrolmentPut;
}
