/**
 * Accepting or returning a county report. The decision is stored against the submission it judged
 * and published, in the same transaction, to that county's report_status feed: on its next sync the
 * PC marks the report accepted, or returned with the comment and open for correction
 * (src-main/core/sync/pull-apply.ts). The feed item carries the PC's own period id.
 */
import type { Knex } from 'knex';
import { reportStatusItemSchema } from '../../src-shared/sync-protocol';
import { appendFeed } from '../repositories/feed-repository';
import { reportStanding } from './board-service';
import { findPeriod, reportsFor, reviewsFor } from './report-repository';
import { fail, ok, type StaffResult } from './staff-result';
import { mayAccessCounty, type StaffUser } from './staff-scope';

export type Decision = 'accepted' | 'returned';

export async function reviewReport(
  db: Knex,
  user: StaffUser,
  input: { countyCode: string; cutoffDate: string; decision: Decision; comment: string | null },
  now: Date,
): Promise<StaffResult<{ countyCode: string; cutoffDate: string; status: Decision; comment: string | null; reviewedAt: string }>> {
  const access = mayAccessCounty(user, input.countyCode);
  if (!access.ok) return access;
  if (input.decision === 'returned' && !input.comment) return fail('VALIDATION', '退回时请写明退回原因，县里据此修改', { fields: [{ field: 'comment', message: '请填写退回原因' }] });
  const period = await findPeriod(db, input.cutoffDate);
  if (!period) return fail('NOT_FOUND', `没有截止日期为 ${input.cutoffDate} 的调度期次`);
  const reviewedAt = now.toISOString();
  return db.transaction(async (trx) => {
    const report = (await reportsFor(trx, input.cutoffDate, [input.countyCode])).get(input.countyCode);
    const review = (await reviewsFor(trx, input.cutoffDate, [input.countyCode])).get(input.countyCode);
    const standing = reportStanding(period, report, review);
    if (!report?.submittedAt || (standing.status !== 'on_time' && standing.status !== 'late')) {
      const why = standing.status === 'not_submitted' ? '该县本期尚未上报' : standing.status === 'returned' ? '该报表已退回，等待县里重新上报' : '该报表已审核通过';
      return fail('CONFLICT', `${why}，不能再${input.decision === 'accepted' ? '审核通过' : '退回'}`, { status: standing.status });
    }
    const key = { county_code: input.countyCode, cutoff_date: input.cutoffDate };
    const values = { report_id: report.id, status: input.decision, comment: input.comment, submitted_at: report.submittedAt, reviewed_at: reviewedAt, reviewed_by: user.id };
    if (review) await trx('report_reviews').where(key).update(values);
    else await trx('report_reviews').insert({ ...key, ...values });
    const payload = reportStatusItemSchema.parse({ periodId: report.periodId, status: input.decision, comment: input.comment, reviewedAt });
    await appendFeed(trx, [{ dataset: 'report_status', countyCode: input.countyCode, itemId: report.id, payload }], reviewedAt);
    return ok({ countyCode: input.countyCode, cutoffDate: input.cutoffDate, status: input.decision, comment: input.comment, reviewedAt });
  });
}
