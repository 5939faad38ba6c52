/**
 * `POST /api/v1/sms/inbound` (issue #16): an SMS gateway posts a message a county sent, `{from, text}`, with the
 * shared secret in `Authorization: Bearer <secret>` (SKILLS_DESK_SMS_SECRET; no secret configured: no route).
 * The code is found in the text (words around it are allowed) and received exactly as 录入短码 receives it. The
 * answer carries `reply`, the text for the gateway to send back to the clerk: the receipt code, or why not.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { REPORT_CODE_LENGTH, normaliseCode } from '../../src-shared/report-code';
import { smsInboundBody } from '../../src-shared/short-code-api';
import { sendError } from '../plugins/errors';
import type { ServerKeyring } from '../secrets/server-keys';
import { STAFF_ERROR_STATUS } from '../staff/staff-result';
import { recordAudit } from '../audit/audit-log';
import { receiveReportCode } from './receive-code';

/** Equal-length digests compared in constant time: neither the secret's length nor its characters leak by timing. */
export function secretMatches(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The first run of consecutive words (letters, digits and dashes) that together make exactly a code's length:
 * `上报 SD 1A2B3-…` or a code typed in groups with spaces are both found; the check character judges it after.
 */
export function codeInText(text: string): string | null {
  const words = text.split(/[^0-9A-Za-z\-_.]+/).filter(Boolean);
  for (let start = 0; start < words.length; start++) {
    let length = 0;
    for (let end = start; end < words.length && length < REPORT_CODE_LENGTH; end++) {
      length += normaliseCode(words[end]!).length;
      if (length === REPORT_CODE_LENGTH) return words.slice(start, end + 1).join(' ');
    }
  }
  return null;
}

export function smsInboundRoutes(app: FastifyInstance, db: Knex, keyring: ServerKeyring, secret: string, now: () => Date = () => new Date()): void {
  app.post('/api/v1/sms/inbound', async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!secretMatches(given, secret)) {
      request.log.warn({ event: 'sms.refused_secret' });
      return sendError(reply, 401, { code: 'UNAUTHORIZED', message: 'wrong or missing gateway secret' });
    }
    const parsed = smsInboundBody.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, { code: 'VALIDATION', message: '短信内容不完整' });
    const code = codeInText(parsed.data.text);
    if (!code) {
      const message = '没有在短信中找到 35 位短码，请核对后重新发送';
      return sendError(reply, 400, { code: 'VALIDATION', message, details: { refusal: 'FORMAT', reply: message } });
    }
    const from = (parsed.data.from ?? '').replace(/[^0-9+]/g, '').slice(-4);
    const at = now();
    const result = await receiveReportCode(db, keyring, code, { via: 'sms', receivedBy: `sms:${from ? `…${from}` : 'unknown'}`, now: at });
    const county = result.ok ? result.data.countyCode : result.error.details?.countyCode;
    // In the 操作日志 beside the codes typed by staff (录入短码), the gateway as the actor.
    await recordAudit(
      db,
      { action: 'short_code.received', actorKind: 'system', actor: 'sms-gateway', countyCode: typeof county === 'string' ? county : null, outcome: result.ok ? 'ok' : result.error.code, detail: { route: 'POST /api/v1/sms/inbound' }, address: request.ip },
      at,
    );
    // Codes and counts only: never the sender's number.
    request.log.info({ event: 'sms.short_code', county: result.ok ? result.data.countyCode : (result.error.details?.countyCode ?? null), outcome: result.ok ? result.data.state : result.error.details?.refusal });
    if (result.ok) return { ok: true, data: { ...result.data, reply: result.data.message } };
    return reply.code(STAFF_ERROR_STATUS[result.error.code]).send({ ok: false, error: { ...result.error, details: { ...result.error.details, reply: result.error.message } } });
  });
}
