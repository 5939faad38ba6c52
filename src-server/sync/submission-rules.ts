/**
 * The server's own check of a county submission's rule outcomes (issue #15 item 3): the PC stores what its rules
 * said with the report, and the server runs the same rules (by the definitions it published, never the ones the
 * payload could carry) on the figures it received and the county's previous submission it holds. A pass claimed
 * for a failing rule, a failed 强制 rule, or a failed 提示 rule without its 上报说明 refuses the op. A payload from a
 * PC older than rules carries no outcomes and is taken as before.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { type Figures, type PreviousReport } from '../../src-shared/domain/dispatch-figures';
import { outcomesProblem, ruleOutcomeSchema } from '../../src-shared/domain/run-rules';
import { allRules } from '../staff/check-rule-service';
import { figuresSchema, REPORT_ENTITY } from '../staff/report-repository';

const submittedSchema = z.object({
  status: z.literal('submitted'),
  cutoffDate: z.string(),
  figures: figuresSchema,
  ruleOutcomes: z.array(ruleOutcomeSchema).max(200),
});

const UNREADABLE = '上报的检查结果格式有误，本次上报未被接收。请升级后重新上报，如仍有问题请联系技术支持。';

/** Why to refuse a submitted report payload by its rule outcomes, or null. */
export async function submissionRulesProblem(trx: Knex.Transaction, countyCode: string, payload: Record<string, unknown>): Promise<string | null> {
  if (payload.status !== 'submitted' || payload.ruleOutcomes === undefined) return null;
  const parsed = submittedSchema.safeParse(payload);
  if (!parsed.success) return UNREADABLE;
  const { cutoffDate, figures, ruleOutcomes } = parsed.data;
  return outcomesProblem(ruleOutcomes, await allRules(trx), figures, await previousSubmission(trx, countyCode, cutoffDate));
}

/**
 * The county's latest report before `cutoffDate` that went up and was not sent back, as the PC chooses its base of
 * "not below" (dispatch-repository.ts previousSubmitted): a submission the server returned is skipped.
 */
async function previousSubmission(trx: Knex.Transaction, countyCode: string, cutoffDate: string): Promise<PreviousReport | null> {
  const rows = await trx('county_records')
    .where({ entity: REPORT_ENTITY, county_code: countyCode })
    .where('report_cutoff', '<', cutoffDate)
    .whereIn('report_status', ['submitted', 'accepted'])
    .whereNull('deleted_at')
    .orderBy([{ column: 'report_cutoff', order: 'desc' }, { column: 'report_submitted_at', order: 'desc' }])
    .limit(20)
    .select<Array<{ payload: string; report_cutoff: string; report_submitted_at: string | null }>>('payload', 'report_cutoff', 'report_submitted_at');
  const returned = await trx('report_reviews')
    .where({ county_code: countyCode, status: 'returned' })
    .where('cutoff_date', '<', cutoffDate)
    .select<Array<{ cutoff_date: string; submitted_at: string }>>('cutoff_date', 'submitted_at');
  const sentBack = new Set(returned.map((r) => `${r.cutoff_date}|${r.submitted_at}`));
  for (const row of rows) {
    if (sentBack.has(`${row.report_cutoff}|${row.report_submitted_at ?? ''}`)) continue;
    const figures = figuresOf(row.payload);
    if (figures) return { seq: 0, cutoffDate: row.report_cutoff, figures };
  }
  return null;
}

function figuresOf(payload: string): Figures | null {
  try {
    const parsed = figuresSchema.safeParse((JSON.parse(payload) as { figures?: unknown }).figures);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
