/** 设置 → 数据备份: backups as downloadable files, and restores staged for the next start. */
import type { Knex } from 'knex';
import { todayIso } from '../../../src-shared/domain/dates';
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
    return { fileId: stored.fileId, fileName: stored.fileName, byteLength: written.bytes };
  }

  async restore(fileId: string): Promise<{ countyCode: string | null; trainees: number; restartRequired: true }> {
    const county = await this.session.countyCode().catch(() => null);
    const summary = await stageRestore(this.dataDir, this.files.get(fileId).path, county);
    return { countyCode: summary.countyCode, trainees: summary.trainees, restartRequired: true };
  }
}
