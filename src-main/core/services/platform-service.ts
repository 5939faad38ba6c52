/**
 * The platform directory as this county sees it: the province's rows (read-only here) and the
 * county's own, each with the county's adoption choices.
 */
import type { Knex } from 'knex';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import type { Platform, PlatformLevel, platformAdoptInput, platformCreateInput } from '../../../src-shared/schemas/reference';
import { inChangeTransaction } from '../change-set';
import { nowIso } from '../clock';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import { randomUUID } from 'node:crypto';
import type { Session } from '../session';

interface PlatformJoinedRow {
  id: string;
  name: string;
  url: string | null;
  level: PlatformLevel;
  source: Platform['source'];
  is_demo: number;
  adopted: number | null;
  in_local_directory: number | null;
}

const LEVEL_ORDER: Record<PlatformLevel, number> = { national: 0, province: 1, city: 2 };

function toPlatform(row: PlatformJoinedRow): Platform {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    level: row.level,
    source: row.source,
    isDemo: row.is_demo === 1,
    readOnly: row.source === 'national' || row.source === 'province',
    adopted: row.adopted === 1,
    inLocalDirectory: row.in_local_directory === 1,
  };
}

export class PlatformService {
  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly clock: HybridLogicalClock,
  ) {}

  async list(level?: PlatformLevel): Promise<Platform[]> {
    const query = this.db('platforms as p')
      .leftJoin('platform_adoptions as a', 'a.platform_id', 'p.id')
      .whereNull('p.deleted_at')
      .select<PlatformJoinedRow[]>('p.id', 'p.name', 'p.url', 'p.level', 'p.source', 'p.is_demo', 'a.adopted', 'a.in_local_directory');
    if (level) query.where('p.level', level);
    const rows = await query;
    return rows
      .map(toPlatform)
      .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.name.localeCompare(b.name, 'zh-CN'));
  }

  async get(id: string, trx: Knex | Knex.Transaction = this.db): Promise<Platform> {
    const row = await trx('platforms as p')
      .leftJoin('platform_adoptions as a', 'a.platform_id', 'p.id')
      .where('p.id', id)
      .whereNull('p.deleted_at')
      .first<PlatformJoinedRow | undefined>('p.id', 'p.name', 'p.url', 'p.level', 'p.source', 'p.is_demo', 'a.adopted', 'a.in_local_directory');
    if (!row) throw new AppError('NOT_FOUND', '平台目录中没有这个平台');
    return toPlatform(row);
  }

  /** `id`: chosen beforehand by an import, whose rows name the new platform before it is written. */
  async create(input: z.output<typeof platformCreateInput>, options: { demo?: boolean; id?: string } = {}): Promise<Platform> {
    const actor = await this.session.actor();
    const duplicate = await this.db('platforms').where({ name: input.name, level: input.level }).whereNull('deleted_at').first('id');
    if (duplicate) throw AppError.field('name', '同一层级下已有同名平台，无需重复添加');
    const id = options.id ?? randomUUID();
    await inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
      const now = nowIso();
      const hlc = changes.stamp();
      const row = {
        id,
        name: input.name,
        url: input.url || null,
        level: input.level,
        source: options.demo ? 'demo' : 'local',
        is_demo: options.demo ? 1 : 0,
        created_at: now,
        updated_at: now,
        hlc,
      };
      await trx('platforms').insert(row);
      changes.record(
        { entity: 'platform', entityId: id, action: 'create', sync: { entity: 'platform', op: 'put', payload: { id, name: row.name, url: row.url, level: row.level, isDemo: options.demo === true } } },
        hlc,
      );
    });
    return this.get(id);
  }

  async adopt(input: z.output<typeof platformAdoptInput>): Promise<Platform> {
    const actor = await this.session.actor();
    await inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
      const before = await this.get(input.platformId, trx);
      const inLocalDirectory = input.inLocalDirectory ?? before.inLocalDirectory;
      if (before.adopted === input.adopted && before.inLocalDirectory === inLocalDirectory) return;
      const hlc = changes.stamp();
      await trx('platform_adoptions')
        .insert({
          platform_id: input.platformId,
          adopted: input.adopted ? 1 : 0,
          in_local_directory: inLocalDirectory ? 1 : 0,
          updated_at: nowIso(),
          updated_by: actor.operatorId,
          hlc,
        })
        .onConflict('platform_id')
        .merge();
      changes.record(
        {
          entity: 'platform',
          entityId: input.platformId,
          action: 'adopt',
          changes: { adopted: [before.adopted, input.adopted], inLocalDirectory: [before.inLocalDirectory, inLocalDirectory] },
          sync: { entity: 'platform_adoption', op: 'put', payload: { platformId: input.platformId, adopted: input.adopted, inLocalDirectory } },
        },
        hlc,
      );
    });
    return this.get(input.platformId);
  }
}
