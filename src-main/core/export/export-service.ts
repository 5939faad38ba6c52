/** `export.create`: the trainee list or the training records as an .xlsx file in the file store. */
import type { Knex } from 'knex';
import { todayIso } from '../../../src-shared/domain/dates';
import type { ImportKind } from '../../../src-shared/schemas/import';
import type { FileStore } from '../import/file-store';
import { makeFilePrivate } from '../private-files';
import type { Session } from '../session';
import { exportFileName, exportList } from './list-export';

export class ExportService {
  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly files: FileStore,
  ) {}

  async create(kind: ImportKind, fullNumbers: boolean): Promise<{ fileId: string; fileName: string; byteLength: number; rows: number }> {
    const stored = this.files.allocate(exportFileName(kind, todayIso()));
    try {
      const rows = await exportList(this.db, this.session, kind, fullNumbers, stored.path);
      // Full ID numbers and phones, in the data folder: the user's alone (0600).
      makeFilePrivate(stored.path);
      return { fileId: stored.fileId, fileName: stored.fileName, byteLength: this.files.size(stored.fileId), rows };
    } catch (error) {
      this.files.remove(stored.fileId);
      throw error;
    }
  }

  /** For the CLI: writes straight to the clerk's chosen path. */
  toPath(kind: ImportKind, fullNumbers: boolean, file: string): Promise<number> {
    return exportList(this.db, this.session, kind, fullNumbers, file);
  }
}
