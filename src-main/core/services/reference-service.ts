/** Read-only reference lists, and the local period calendar derived from the campaign dates. */
import type { Knex } from 'knex';
import { DEFAULT_CAMPAIGN, generatePeriods } from '../../../src-shared/domain/periods';
import type { z } from 'zod';
import type { occupationSchema, Period, unitListInput, unitSchema } from '../../../src-shared/schemas/reference';
import { nowIso } from '../clock';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { stableUuid } from '../../../src-node/stable-id';

type Unit = z.infer<typeof unitSchema>;
type Occupation = z.infer<typeof occupationSchema>;

export class ReferenceService {
  private readonly settings: SettingsRepository;

  constructor(private readonly db: Knex) {
    this.settings = new SettingsRepository(db);
  }

  async units(filter: z.output<typeof unitListInput>): Promise<Unit[]> {
    const query = this.db('units').orderBy('code');
    if (filter.parentCode) query.where('parent_code', filter.parentCode);
    if (filter.level) query.where('level', filter.level);
    const rows = await query.select<Array<{ code: string; name: string; level: Unit['level']; parent_code: string | null }>>();
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
  }

  async occupations(): Promise<Occupation[]> {
    return this.db('occupations').orderBy('sort').select<Occupation[]>('id', 'name', 'kind');
  }

  async periods(): Promise<Period[]> {
    const rows = await this.db('periods')
      .orderBy('cutoff_date')
      .select<Array<{ id: string; seq: number; start_date: string; cutoff_date: string; due_date: string; source: Period['source'] }>>();
    return rows.map((r) => ({ id: r.id, seq: r.seq, startDate: r.start_date, cutoffDate: r.cutoff_date, dueDate: r.due_date, source: r.source }));
  }

  /**
   * Generates the local calendar from the campaign dates unless the province's calendar has arrived
   * by sync. Periods that already have a report are kept as they are.
   */
  async ensureLocalPeriods(): Promise<void> {
    const fromProvince = await this.db('periods').where({ source: 'province' }).first('id');
    if (fromProvince) return;
    const campaignStart = (await this.settings.get<string>('campaignStart')) ?? DEFAULT_CAMPAIGN.campaignStart;
    const campaignEnd = (await this.settings.get<string>('campaignEnd')) ?? DEFAULT_CAMPAIGN.campaignEnd;
    const specs = generatePeriods({ campaignStart, campaignEnd });
    await this.db.transaction(async (trx) => {
      const reported = new Set<string>(await trx('dispatch_reports').pluck('period_id'));
      await trx('periods').where({ source: 'local' }).whereNotIn('id', [...reported]).delete();
      const now = nowIso();
      for (const spec of specs) {
        const id = stableUuid('period', spec.cutoffDate);
        if (reported.has(id)) continue;
        await trx('periods')
          .insert({ id, seq: spec.seq, start_date: spec.startDate, cutoff_date: spec.cutoffDate, due_date: spec.dueDate, source: 'local', updated_at: now })
          .onConflict('cutoff_date')
          .ignore();
      }
    });
  }
}
