/**
 * A cheap check of the payloads a PC's outbox sends, before the zod schemas (op-payloads.ts) run.
 * The zod parse of a trainee or training record was the largest single cost of ingesting a batch
 * (closures, issue objects, a pipe per text field). A payload in the canonical form the PC writes
 * (trimmed text, normalised ID number and phone, ISO dates) is accepted here with the exact value
 * zod would give; anything else returns null and goes through zod, so every refusal and its Chinese
 * message still come from the one contract. payload-fast-path.test.ts holds the two to the same
 * answers.
 */
import { isValidIsoDate } from '../../src-shared/domain/dates';
import { PERSON_CATEGORY_CODES } from '../../src-shared/domain/categories';
import { parseIdNumber, type IdCardResult } from '../../src-shared/domain/id-card';
import { parsePhone } from '../../src-shared/domain/phone';
import type { TraineePut } from './op-payloads';

/** zod 4's `z.uuid()` pattern (RFC 9562 variants, plus the nil and max UUIDs). */
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const CATEGORIES: ReadonlySet<string> = new Set(PERSON_CATEGORY_CODES);
const NAME_FORBIDDEN = /[0-9@#$%^&*=<>]/;

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Text as textField leaves it (inner white space folded, trimmed), within its length. */
function cleanText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max && value === value.replace(/\s+/g, ' ').trim();
}

/** An ISO date as isoDateField accepts it, already trimmed. */
function cleanDate(value: unknown): value is string {
  return typeof value === 'string' && value.length === 10 && isValidIsoDate(value);
}

/** optionalText: absent stays absent, null stays null. */
function optionalClean(payload: Record<string, unknown>, key: string, max: number): { ok: boolean; present: boolean; value: string | null } {
  if (!(key in payload) || payload[key] === undefined) return { ok: true, present: false, value: null };
  const value = payload[key];
  if (value === null) return { ok: true, present: true, value: null };
  return { ok: cleanText(value, 0, max), present: true, value: value as string };
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
  const { id, idNumber, name, phone, categories, ruralHukou, registeredAt } = payload;
  if (!isUuid(id) || typeof idNumber !== 'string' || typeof ruralHukou !== 'boolean' || !cleanDate(registeredAt)) return null;
  if (!cleanText(name, 1, 30) || NAME_FORBIDDEN.test(name)) return null;
  const platformId = payload.platformId;
  if (platformId !== undefined && platformId !== null && !isUuid(platformId)) return null;
  if (!Array.isArray(categories) || categories.length > CATEGORIES.size) return null;
  for (const code of categories) if (typeof code !== 'string' || !CATEGORIES.has(code)) return null;
  if (typeof phone !== 'string') return null;
  const note = optionalClean(payload, 'note', 200);
  if (!note.ok) return null;
  const idCard = parseIdNumber(idNumber, { today });
  if (!idCard.ok || idCard.value.idNumber !== idNumber) return null;
  const parsedPhone = parsePhone(phone);
  if (!parsedPhone.ok || parsedPhone.value !== phone) return null;
  const value: TraineePut = {
    idNumber,
    name,
    phone,
    categories: [...new Set(categories as TraineePut['categories'])],
    ruralHukou,
    registeredAt,
    platformId: platformId ?? null,
    id,
  };
  if (note.present) value.note = note.value;
  return { value, idCard };
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
  const { id, traineeId, platformId, courseName, startDate, hours, signedIn } = payload;
  if (!isUuid(id) || !isUuid(traineeId) || !isUuid(platformId) || typeof signedIn !== 'boolean') return null;
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > 2000) return null;
  if (!cleanText(courseName, 1, 100) || !cleanDate(startDate)) return null;
  const occupationId = payload.occupationId ?? null;
  if (occupationId !== null && !isUuid(occupationId)) return null;
  const endDate = payload.endDate ?? null;
  if (endDate !== null && (!cleanDate(endDate) || endDate < startDate)) return null;
  const learningRecord = optionalClean(payload, 'learningRecord', 500);
  const testResult = optionalClean(payload, 'testResult', 200);
  if (!learningRecord.ok || !testResult.ok) return null;
  const value: EnrolmentPut = { traineeId, platformId, occupationId, courseName, startDate, endDate, hours, signedIn, id };
  if (learningRecord.present) value.learningRecord = learningRecord.value;
  if (testResult.present) value.testResult = testResult.value;
  return value;
}
