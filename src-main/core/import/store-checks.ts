/**
 * What the dry run asks the store, in batches of 500 (indexed lookups, well under SQLite's bound-variable limit):
 * which trainees are already registered, who the ID numbers of training records belong to, and which training
 * records are already recorded.
 */
import type { Knex } from 'knex';
import { personalDataOf } from '../secrets/personal-data';

const CHUNK = 500;

async function chunked<T, R>(items: readonly T[], work: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(...(await work(items.slice(start, start + CHUNK))));
  return out;
}

export async function registeredIdNumbers(db: Knex, idNumbers: readonly string[]): Promise<Set<string>> {
  return new Set((await traineesByIdNumber(db, idNumbers)).keys());
}

/** Looked up by the blind index of each number (the numbers are sealed in the file), keyed by the clear number. */
export async function traineesByIdNumber(db: Knex, idNumbers: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
  const cipher = personalDataOf(db);
  const byHash = new Map([...new Set(idNumbers)].map((n) => [cipher.index('id_hash', n), n]));
  const rows = await chunked([...byHash.keys()], (chunk) =>
    db('trainees').whereIn('id_hash', chunk).whereNull('deleted_at').select<Array<{ id: string; name: string; id_hash: string }>>('id', 'name', 'id_hash'),
  );
  return new Map(rows.map((r) => [byHash.get(r.id_hash)!, { id: r.id, name: r.name }]));
}

/** The identity of a training record: the same trainee, platform, course and start date is the same record. */
export function enrolmentKey(e: { traineeId: string; platformId: string; courseName: string; startDate: string }): string {
  return `${e.traineeId}|${e.platformId}|${e.courseName}|${e.startDate}`;
}

export async function recordedEnrolmentKeys(db: Knex, traineeIds: readonly string[]): Promise<Set<string>> {
  const rows = await chunked([...new Set(traineeIds)], (chunk) =>
    db('enrolments')
      .whereIn('trainee_id', chunk)
      .whereNull('deleted_at')
      .select<Array<{ trainee_id: string; platform_id: string; course_name: string; start_date: string }>>('trainee_id', 'platform_id', 'course_name', 'start_date'),
  );
  return new Set(rows.map((r) => enrolmentKey({ traineeId: r.trainee_id, platformId: r.platform_id, courseName: r.course_name, startDate: r.start_date })));
}
