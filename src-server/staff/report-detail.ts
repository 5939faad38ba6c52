/**
 * One county report as its reviewer sees it before deciding (issue #15 item 5, `reports.detail`): beside every figure
 * the value the county's PC computed from its records, the adjustment with its reason and who made it, and the figure
 * sent; the rules the PC ran with their outcomes and 上报说明 (issue #15 item 3); the 强制上报说明; the decision on this very submission (who, at which level, when, why); whether this user's
 * level may accept or return it now (asked of the level state machine, as the decision itself will be); and the
 * report's one history. The board only lists; this is where a reviewer reads the reasons it asks them to check.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { currentAdjustments, FIGURE_KEYS, FIGURE_LABELS } from '../../src-shared/domain/dispatch-figures';
import { countyReviewer, transition } from '../../src-shared/domain/report-levels';
import { ruleOutcomeSchema, skippedRuleSchema } from '../../src-shared/domain/run-rules';
import { adjustmentSchema, figuresSchema } from '../../src-shared/schemas/dispatch';
import type { ReportDetail } from '../../src-shared/staff-api';
import { eventsOf, loadCity } from './level-repository';
import { fail, ok, type StaffResult } from './staff-result';
import { cityOfCounty, countyDisplayName, mayAccessCounty, type StaffUser } from './staff-scope';

/** The parts of the PC's payload the detail reads beyond what the roll-up reads; each optional (older PCs). */
const detailPayloadSchema = z.object({
  computed: z.object({ figures: figuresSchema }).passthrough().optional(),
  adjustments: z.array(adjustmentSchema).optional(),
  submittedByName: z.string().nullable().optional(),
  ruleOutcomes: z.array(ruleOutcomeSchema).optional(),
  skippedRules: z.array(skippedRuleSchema).optional(),
});

export async function reportDetail(db: Knex, user: StaffUser, countyCode: string, cutoffDate: string): Promise<StaffResult<ReportDetail>> {
  const access = mayAccessCounty(user, countyCode);
  if (!access.ok) return access;
  const cityCode = cityOfCounty(countyCode)!;
  const loaded = await loadCity(db, cityCode, cutoffDate);
  if (!loaded) return fail('NOT_FOUND', `没有截止日期为 ${cutoffDate} 的调度期次`);
  const report = loaded.reports.get(countyCode);
  const standing = loaded.world.counties.find((c) => c.code === countyCode)!;
  const extra = report ? await payloadExtra(db, report.id) : null;
  const adjusted = currentAdjustments(extra?.adjustments ?? []);
  const review = loaded.reviews.get(countyCode);
  const applies = review !== undefined && review.submittedAt === report?.submittedAt;
  const reviewer = applies ? await db('staff_users').where({ id: review.reviewedBy }).first<{ name: string; role: 'city' | 'province' } | undefined>('name', 'role') : undefined;
  const actor = { role: user.role, cityCode: user.cityCode };
  const may = (kind: 'county.accept' | 'county.return') => transition(loaded.world, actor, kind === 'county.accept' ? { kind, county: countyCode } : { kind, county: countyCode, reason: '—' }).ok;
  return ok({
    countyCode,
    countyName: countyDisplayName(countyCode),
    cutoffDate,
    stage: standing.stage,
    awaiting: standing.stage === 'pending' ? countyReviewer(loaded.world) : null,
    submittedAt: report?.submittedAt ?? null,
    submittedBy: extra?.submittedByName ?? null,
    forceReason: report?.forceReason ?? null,
    figures: report
      ? FIGURE_KEYS.map((key) => {
          const a = adjusted[key];
          return {
            key,
            label: FIGURE_LABELS[key],
            computed: extra?.computed?.figures[key] ?? null,
            adjustment: a && a.value !== null ? { value: a.value, reason: a.reason, by: a.operatorName, at: a.at } : null,
            final: report.figures[key],
          };
        })
      : [],
    nationalPlatformNames: report?.nationalPlatformNames ?? [],
    ruleOutcomes: extra?.ruleOutcomes ?? [],
    skippedRules: extra?.skippedRules ?? [],
    review: applies ? { status: review.status, comment: review.comment, at: review.reviewedAt, by: reviewer?.name ?? null, level: reviewer?.role ?? null } : null,
    mayAccept: standing.stage === 'pending' && may('county.accept'),
    mayReturn: (standing.stage === 'pending' || standing.stage === 'accepted') && may('county.return'),
    events: await eventsOf(db, cutoffDate, cityCode, countyCode),
  });
}

async function payloadExtra(db: Knex, reportId: string): Promise<z.infer<typeof detailPayloadSchema> | null> {
  const row = await db('county_records').where({ entity: 'dispatch_report', id: reportId }).first<{ payload: string } | undefined>('payload');
  if (!row) return null;
  try {
    const parsed = detailPayloadSchema.safeParse(JSON.parse(row.payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
