/**
 * Staff accounts and logged-in requests against the server app, for the staff API tests. `login`
 * walks the real login: the password, then at the first login the TOTP enrolment (the secret the
 * server answers is kept here, as a phone would keep it), afterwards a code computed from it for the
 * server's clock. A code is never sent twice: when the steps of the server's moment (±1) are used up
 * (a test clock that stands still), a recovery code from the enrolment is used instead.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Knex } from 'knex';
import { Secret, TOTP } from 'otpauth';
import { AccountService } from '../../src-server/staff/account-service';
import type { StaffRole } from '../../src-server/staff/staff-scope';
import type { PdfPrinter } from '../../src-node/print/pdf';
import type { LoginAnswer } from '../../src-shared/staff-login-api';

export const STAFF_PASSWORD = 'correct-horse-42';

/** What the tests' "phone" holds per user name: the secret, the steps it has sent, unused recovery codes. */
interface Phone {
  secret: string;
  usedSteps: Set<number>;
  recoveryCodes: string[];
}
const phones = new Map<string, Phone>();

/** A PDF printer without Chromium: answers a tiny PDF and keeps each page's HTML in `printed`. */
export function fakePdfPrinter(printed: string[] = []): PdfPrinter {
  return { print: async (html) => (printed.push(html), Buffer.from('%PDF-1.7 test')), close: async () => undefined };
}

export async function addStaff(db: Knex, name: string, role: StaffRole, cityCode: string | null = null): Promise<void> {
  const result = await new AccountService(db).addUser({ name, role, cityCode, password: STAFF_PASSWORD });
  if (!result.ok) throw new Error(result.error.message);
  phones.delete(name);
}

/** The TOTP code of `secret` for the 30-second step `step`. */
export function totpCode(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: step * 30_000 });
}

export const stepOf = (at: Date | string): number => Math.floor(new Date(at).getTime() / 30_000);

export function phoneOf(name: string): Phone | undefined {
  return phones.get(name);
}

async function post(app: FastifyInstance, url: string, token: string | null, payload?: unknown, from?: string) {
  const response = await app.inject({ method: 'POST', url, ...(from ? { remoteAddress: from } : {}), headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  return { status: response.statusCode, body: response.json() as { ok: boolean; data?: unknown; error?: { code: string; message: string } } };
}

/** Step 1 only: the password; answers the pending step's answer. */
export async function passwordStep(app: FastifyInstance, name: string, password = STAFF_PASSWORD, from?: string): Promise<LoginAnswer & { stage: 'second-factor' | 'enrol' | 'change-password' }> {
  const answer = await post(app, '/api/v1/staff/login', null, { name, password }, from);
  if (answer.status !== 200) throw new Error(`login ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.data as LoginAnswer & { stage: 'second-factor' | 'enrol' | 'change-password' };
}

/** Enrols the authenticator of a pending `enrol` login; answers what the confirmation answered. */
export async function enrol(app: FastifyInstance, name: string, pending: { token: string; serverTime: string }, from?: string): Promise<LoginAnswer> {
  const started = await post(app, '/api/v1/staff/login/enrol', pending.token, undefined, from);
  if (started.status !== 200) throw new Error(`enrol ${name}: ${started.status} ${JSON.stringify(started.body)}`);
  const secret = (started.body.data as { secret: string }).secret;
  const step = stepOf(pending.serverTime);
  const confirmed = await post(app, '/api/v1/staff/login/enrol/confirm', pending.token, { code: totpCode(secret, step) }, from);
  if (confirmed.status !== 200) throw new Error(`enrol confirm ${name}: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  const data = confirmed.body.data as { recoveryCodes: string[]; login: LoginAnswer };
  phones.set(name, { secret, usedSteps: new Set([step]), recoveryCodes: [...data.recoveryCodes] });
  return data.login;
}

/** A code the phone has not sent yet for the server's moment, else an unused recovery code. */
export function nextCode(name: string, serverTime: string): string {
  const phone = phones.get(name);
  if (!phone) throw new Error(`no authenticator enrolled for ${name} in this test`);
  const now = stepOf(serverTime);
  const last = Math.max(...phone.usedSteps);
  for (const step of [now - 1, now, now + 1]) {
    if (step > last) {
      phone.usedSteps.add(step);
      return totpCode(phone.secret, step);
    }
  }
  const code = phone.recoveryCodes.shift();
  if (!code) throw new Error(`${name}: out of codes at a standing clock; log in less often in this test`);
  return code;
}

/** The whole login (from address `from`): password, second factor (enrolment the first time); answers the full session's token. */
export async function login(app: FastifyInstance, name: string, password = STAFF_PASSWORD, from?: string): Promise<string> {
  const pending = await passwordStep(app, name, password, from);
  let answer: LoginAnswer;
  if (pending.stage === 'enrol') answer = await enrol(app, name, pending, from);
  else if (pending.stage === 'second-factor') {
    const second = await post(app, '/api/v1/staff/login/second-factor', pending.token, { code: nextCode(name, pending.serverTime) }, from);
    if (second.status !== 200) throw new Error(`second factor ${name}: ${second.status} ${JSON.stringify(second.body)}`);
    answer = second.body.data as LoginAnswer;
  } else throw new Error(`login ${name}: unexpected stage ${pending.stage}`);
  if (answer.stage !== 'done') throw new Error(`login ${name}: stopped at ${answer.stage}`);
  return answer.token;
}

/** A request as a logged-in user; answers status and parsed JSON (null for binary answers). */
export async function asStaff(app: FastifyInstance, token: string, options: InjectOptions) {
  const response = await app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
  const json = (response.headers['content-type'] ?? '').toString().includes('json') ? response.json() : null;
  return { status: response.statusCode, json, response };
}
