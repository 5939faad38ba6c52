/** Staff accounts and logged-in requests against the server app, for the staff API tests. */
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Knex } from 'knex';
import { AccountService } from '../../src-server/staff/account-service';
import type { StaffRole } from '../../src-server/staff/staff-scope';
import type { PdfPrinter } from '../../src-node/print/pdf';

export const STAFF_PASSWORD = 'correct-horse-42';

/** A PDF printer without Chromium: answers a tiny PDF and keeps each page's HTML in `printed`. */
export function fakePdfPrinter(printed: string[] = []): PdfPrinter {
  return { print: async (html) => (printed.push(html), Buffer.from('%PDF-1.7 test')), close: async () => undefined };
}

export async function addStaff(db: Knex, name: string, role: StaffRole, cityCode: string | null = null): Promise<void> {
  const result = await new AccountService(db).addUser({ name, role, cityCode, password: STAFF_PASSWORD });
  if (!result.ok) throw new Error(result.error.message);
}

export async function login(app: FastifyInstance, name: string, password = STAFF_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name, password } });
  if (response.statusCode !== 200) throw new Error(`login ${name}: ${response.statusCode} ${response.body}`);
  return (response.json() as { data: { token: string } }).data.token;
}

/** A request as a logged-in user; answers status and parsed JSON (null for binary answers). */
export async function asStaff(app: FastifyInstance, token: string, options: InjectOptions) {
  const response = await app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
  const json = (response.headers['content-type'] ?? '').toString().includes('json') ? response.json() : null;
  return { status: response.statusCode, json, response };
}
