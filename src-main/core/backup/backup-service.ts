/** 设置 → 数据备份: backups as downloadable files, and restores staged for the next start. */
import type { Knex } from 'knex';
import { todayIso } from '../../../src-shared/domain/dates';
import { recordAuditOnly } from '../change-set';
import type { FileStore } from '../import/file-store';
import type { Session } from '../session';
import { stageRestore, writeBackup } from './backup-file';

export class BackupService {
  constructor(
    private readonly db: Knex,
    private readonly dataDir: string,
    private readonly files: FileStore,
    private readonly session: Session,
  ) {}

  async create(): Promise<{ fileId: string; fileName: string; byteLength: number }> {
    const county = await this.session.countyCode().catch(() => 'unset');
    const stored = this.files.allocate(`技能培训调度填报-备份-${county}-${todayIso()}.sqlite`);
    const written = await writeBackup(this.db, stored.path);
    // The whole store, every full ID number and phone, as a file to take away: recorded as the full export is.
    const actor = await this.session.actor().catch(() => null);
    if (actor) {
      await this.db.transaction((trx) => recordAuditOnly(trx, actor, { entity: 'backup', entityId: stored.fileName, action: 'backup_created', changes: { bytes: written.bytes } }));
    }
    return { fileId: stored.fileId, fileName: stored.fileName, byteLength: written.bytes };
  }

  async restore(fileId: string): Promise<{ countyCode: string | null; trainees: number; restartRequired: true }> {
    const county = await this.session.countyCode().catch(() => null);
    const summary = await stageRestore(this.dataDir, this.files.get(fileId).path, county);
    return { countyCode: summary.countyCode, trainees: summary.trainees, restartRequired: true };
  }
}
