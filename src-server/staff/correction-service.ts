/**
 * Correction requests (补报/更正申请): a county asks to change an accepted (locked) report, saying what
 * changes and why. The request reaches the server by sync (entity `correction_request`, `receive`
 * below, inside the push transaction); the level the report is locked at grants or refuses it
 * (`decideCorrection`). A grant reopens that county's report only (the decision on its submission
 * becomes a return, published to its PCs) and sends back the city report its figures are in; either
 * answer reaches the county as a notice naming the request. Every step goes through the level state
 * machine and into the one history.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { correctionDecider, transition, type CorrectionStage } from '../../src-shared/domain/report-levels';
import { findUnit } from '../../src-shared/domain/units';
import type { SyncOp } from '../../src-shared/sync-protocol';
import { appendFeed, type FeedItemInput } from '../repositories/feed-repository';
import { loadCity, recordEvents, type LevelEvent } from './level-repository';
import { event, writeCityChange, writeCountyDecision } from './review-service';
import { fail, ok, type StaffResult } from './staff-result';
import { cityOfCounty, countiesInScope, countyDisplayName, mayAccessCounty, type StaffUser } from './staff-scope';

export const CORRECTION_ENTITY = 'correction_request';

export const correctionPayloadSchema = z.object({
  id: z.string().min(1).max(64),
  reportId: z.string().min(1).max(64),
  cutoffDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  what: z.string().trim().min(1).max(2000),
  why: z.string().trim().min(1).max(2000),
  requestedAt: z.string().max(40),
  requestedBy: z.string().max(64).nullable().optional(),
});

export type Refusal = { code: 'VALIDATION' | 'CONFLICT'; message: string };

/** Stores a request arriving by sync, or says why it is refused (the clerk reads it on 数据同步). */
export async function receiveCorrection(trx: Knex.Transaction, countyCode: string, op: SyncOp, now: string): Promise<Refusal | null> {
  if (op.op !== 'put') return { code: 'VALIDATION', message: '更正申请提交后不能修改或删除；如需补充，请再提交一份申请' };
  const parsed = correctionPayloadSchema.safeParse(op.payload);
  if (!parsed.success || parsed.data.id !== op.entityId) return { code: 'VALIDATION', message: '更正申请内容不完整，请写明要更正什么、为什么，然后重新提交' };
  const request = parsed.data;
  const existing = await trx('correction_requests').where({ id: request.id }).first<{ county_code: string } | undefined>('county_code');
  if (existing) return existing.county_code === countyCode ? null : { code: 'CONFLICT', message: '更正申请编号重复，请重新提交' };
  const loaded = await loadCity(trx, cityOfCounty(countyCode)!, request.cutoffDate);
  if (!loaded) return { code: 'VALIDATION', message: `省服务器上没有截止日期为 ${request.cutoffDate} 的调度期次，请同步后重试` };
  if (loaded.reports.get(countyCode)?.id !== request.reportId) return { code: 'CONFLICT', message: '更正申请针对的调度表与省服务器上的不一致，请同步后在已审核通过的调度表上重新提交' };
  const result = transition(loaded.world, { role: 'county', cityCode: loaded.world.cityCode, countyCode }, { kind: 'correction.request', county: countyCode });
  if (!result.ok) return { code: 'CONFLICT', message: result.error.message };
  await trx('correction_requests').insert({
    id: request.id,
    county_code: countyCode,
    cutoff_date: request.cutoffDate,
    report_id: request.reportId,
    what: request.what,
    why: request.why,
    requested_at: request.requestedAt,
    requested_by_name: request.requestedBy ?? null,
    stage: 'requested',
  });
  const by = request.requestedBy ?? countyDisplayName(countyCode);
  await recordEvents(trx, [{ cutoffDate: request.cutoffDate, cityCode: loaded.world.cityCode, countyCode, action: 'correction.request', stage: 'requested', actorRole: 'county', actorId: null, actorName: by, reason: `${request.what}（原因：${request.why}）`, at: now }]);
  return null;
}

interface CorrectionRow {
  id: string;
  county_code: string;
  cutoff_date: string;
  report_id: string;
  what: string;
  why: string;
  requested_at: string;
  requested_by_name: string | null;
  stage: CorrectionStage;
  decided_at: string | null;
  decided_by_name: string | null;
  decision_comment: string | null;
}

export async function decideCorrection(db: Knex, user: StaffUser, input: { id: string; grant: boolean; comment: string | null }, now: Date): Promise<StaffResult<{ id: string; stage: CorrectionStage; decidedAt: string }>> {
  const at = now.toISOString();
  return db.transaction(async (trx) => {
    const request = await trx('correction_requests').where({ id: input.id }).first<CorrectionRow | undefined>();
    if (!request) return fail('NOT_FOUND', '没有这份更正申请，请刷新后重试');
    const access = mayAccessCounty(user, request.county_code);
    if (!access.ok) return access;
    const loaded = await loadCity(trx, cityOfCounty(request.county_code)!, request.cutoff_date, { lock: true });
    if (!loaded) return fail('NOT_FOUND', `没有截止日期为 ${request.cutoff_date} 的调度期次`);
    if (request.stage !== 'requested') return fail('CONFLICT', '这份更正申请已审批过了', { stage: request.stage });
    const action = input.grant ? { kind: 'correction.grant' as const, county: request.county_code } : { kind: 'correction.refuse' as const, county: request.county_code, reason: input.comment ?? '' };
    const result = transition(loaded.world, { role: user.role, cityCode: user.cityCode }, action);
    if (!result.ok) return fail(result.error.code, result.error.message, result.error.details);
    const stage: CorrectionStage = input.grant ? 'granted' : 'refused';
    await trx('correction_requests').where({ id: request.id }).update({ stage, decided_at: at, decided_by: user.id, decided_by_name: user.name, decision_comment: input.comment });
    const events: LevelEvent[] = [event(loaded, request.county_code, action.kind, stage, user, input.comment, at)];
    if (input.grant) {
      const comment = `更正申请已批准（${request.what}）${input.comment ? `：${input.comment}` : ''}，请修改后重新上报`;
      await writeCountyDecision(trx, loaded, request.county_code, { status: 'returned', comment, by: user, at });
      await writeCityChange(trx, loaded, result.change, user, `${findUnit(request.county_code)?.name ?? ''}的更正申请已批准，市级报表需重新上报`, at, events);
    }
    await appendFeed(trx, [decisionNotice(request, stage, user, input.comment, at)], at);
    await recordEvents(trx, events);
    return ok({ id: request.id, stage, decidedAt: at });
  });
}

function decisionNotice(request: CorrectionRow, stage: CorrectionStage, user: StaffUser, comment: string | null, at: string): FeedItemInput {
  const level = user.role === 'province' ? '省' : '市';
  const title = stage === 'granted' ? `更正申请已批准（截止 ${request.cutoff_date} 的调度表）` : `更正申请未获批准（截止 ${request.cutoff_date} 的调度表）`;
  const body = stage === 'granted'
    ? `${level}级 ${user.name} 于 ${at.slice(0, 10)} 批准了更正申请“${request.what}”。该期调度表已重新打开，请修改后重新上报。${comment ?? ''}`
    : `${level}级 ${user.name} 于 ${at.slice(0, 10)} 未批准更正申请“${request.what}”，理由：${comment ?? ''}。调度表保持原样。`;
  return { dataset: 'notices', countyCode: request.county_code, itemId: randomUUID(), payload: { kind: stage === 'granted' ? 'correction_granted' : 'correction_refused', title, body, createdAt: at, entity: CORRECTION_ENTITY, entityId: request.id, decision: { stage, at, by: user.name, level: user.role === 'province' ? 'province' : 'city', comment } } };
}

export interface CorrectionItem {
  id: string;
  countyCode: string;
  countyName: string;
  cutoffDate: string;
  what: string;
  why: string;
  requestedAt: string;
  requestedBy: string | null;
  stage: CorrectionStage;
  decidedAt: string | null;
  decidedBy: string | null;
  comment: string | null;
  /** Whether this user's level decides it now (the level the report is locked at). */
  mayDecide: boolean;
}

export async function listCorrections(db: Knex, user: StaffUser, cutoffDate: string, cityCode: string | null): Promise<StaffResult<{ corrections: CorrectionItem[] }>> {
  const scope = countiesInScope(user, cityCode);
  if (!scope.ok) return scope;
  const rows = await db('correction_requests').where({ cutoff_date: cutoffDate }).whereIn('county_code', scope.data.map((c) => c.code)).orderBy('requested_at', 'desc').select<CorrectionRow[]>();
  const worlds = new Map<string, Awaited<ReturnType<typeof loadCity>>>();
  const items: CorrectionItem[] = [];
  for (const r of rows) {
    const city = cityOfCounty(r.county_code)!;
    if (!worlds.has(city)) worlds.set(city, await loadCity(db, city, cutoffDate));
    const loaded = worlds.get(city);
    const mayDecide = r.stage === 'requested' && loaded !== null && loaded !== undefined && correctionDecider(loaded.world) === user.role;
    items.push({ id: r.id, countyCode: r.county_code, countyName: countyDisplayName(r.county_code), cutoffDate: r.cutoff_date, what: r.what, why: r.why, requestedAt: r.requested_at, requestedBy: r.requested_by_name, stage: r.stage, decidedAt: r.decided_at, decidedBy: r.decided_by_name, comment: r.decision_comment, mayDecide });
  }
  return ok({ corrections: items });
}
