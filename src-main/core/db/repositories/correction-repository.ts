/**
 * This county's correction requests (更正申请, table correction_requests) and where each stands: the stored stage
 * (requested, then granted / refused as the decision comes back by sync), read together with the outbox (still
 * unsent: 待同步) and sync_rejections (the server refused the request itself, even once the clerk has put the refusal
 * aside on 数据同步: it stays refused), so nothing is stored twice.
 */
import type { Knex } from 'knex';
import type { CorrectionRequest } from '../../../../src-shared/schemas/dispatch';

type Db = Knex | Knex.Transaction;

export const CORRECTION_ENTITY = 'correction_request';

export interface CorrectionRow {
  id: string;
  period_id: string;
  report_id: string;
  cutoff_date: string;
  what: string;
  why: string;
  requested_at: string;
  requested_by: string | null;
  stage: 'requested' | 'granted' | 'refused';
  decided_at: string | null;
  decided_by: string | null;
  decided_level: 'city' | 'province' | null;
  decision_comment: string | null;
}

export interface CorrectionDecision {
  stage: 'granted' | 'refused';
  at: string;
  by: string | null;
  level: 'city' | 'province' | null;
  comment: string | null;
}

export class CorrectionRepository {
  constructor(private readonly db: Db) {}

  async insert(row: CorrectionRow, trx: Db = this.db): Promise<void> {
    await trx('correction_requests').insert(row);
  }

  /** The period's requests, newest first, each with where it stands. */
  async forPeriod(periodId: string, trx: Db = this.db): Promise<CorrectionRequest[]> {
    const rows = await trx('correction_requests').where({ period_id: periodId }).orderBy('requested_at', 'desc').select<CorrectionRow[]>();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const unsent = new Set<string>(await trx('outbox').where({ entity: CORRECTION_ENTITY }).whereIn('entity_id', ids).pluck('entity_id'));
    const rejected = new Map(
      (await trx('sync_rejections').where({ entity: CORRECTION_ENTITY }).whereIn('entity_id', ids).select<Array<{ entity_id: string; message: string }>>('entity_id', 'message')).map((r) => [r.entity_id, r.message]),
    );
    return rows.map((r) => ({
      id: r.id,
      what: r.what,
      why: r.why,
      requestedAt: r.requested_at,
      requestedBy: r.requested_by,
      state: r.stage !== 'requested' ? r.stage : rejected.has(r.id) ? 'rejected' : unsent.has(r.id) ? 'unsent' : 'requested',
      decidedAt: r.decided_at,
      decidedBy: r.decided_by,
      decidedLevel: r.decided_level,
      comment: r.decision_comment,
      rejection: rejected.get(r.id) ?? null,
    }));
  }

  /** Stores the decision on a request of this PC (arriving by sync); false when the request is not one of ours. */
  async decide(id: string, decision: CorrectionDecision, trx: Db = this.db): Promise<boolean> {
    const updated = await trx('correction_requests')
      .where({ id })
      .update({ stage: decision.stage, decided_at: decision.at, decided_by: decision.by, decided_level: decision.level, decision_comment: decision.comment });
    return updated > 0;
  }
}
