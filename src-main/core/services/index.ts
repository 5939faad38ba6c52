import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { BackupService } from '../backup/backup-service';
import type { AppEvent } from '../../../src-shared/events';
import { ExportService } from '../export/export-service';
import { FileStore } from '../import/file-store';
import { ImportService } from '../import/import-service';
import { ValueChoiceService } from '../import/value-choice-service';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import { chromiumPdfPrinter, type PdfPrinter } from '../../../src-node/print/pdf';
import type { Session } from '../session';
import { DispatchService } from './dispatch-service';
import { EnrolmentService } from './enrolment-service';
import { PlatformService } from './platform-service';
import { ReferenceService } from './reference-service';
import { ReportCodeService } from './report-code-service';
import { ServerReachability } from '../sync/server-reachability';
import { OperatorLockService } from '../operator-lock/operator-lock-service';
import { SettingsService } from './settings-service';
import { SyncService } from './sync-service';
import { TableService } from './table-service';
import { TraineeAuditService } from './trainee-audit-service';
import { TraineeService } from './trainee-service';

export interface Services {
  backups: BackupService;
  trainees: TraineeService;
  traineeAudit: TraineeAuditService;
  enrolments: EnrolmentService;
  platforms: PlatformService;
  reference: ReferenceService;
  settings: SettingsService;
  dispatch: DispatchService;
  reportCodes: ReportCodeService;
  tables: TableService;
  sync: SyncService;
  files: FileStore;
  imports: ImportService;
  valueChoices: ValueChoiceService;
  exports: ExportService;
  operatorLock: OperatorLockService;
}

/** What differs between hosts: Electron prints PDFs itself; tests stand on a chosen day. */
export interface ServiceOptions {
  pdfPrinter?: PdfPrinter;
  today?: () => string;
  /** Where uploads, reports and exports wait to be collected (default: a folder in the system temp dir). */
  transferDir?: string;
  /** The app's event bus, for import and sync progress. */
  emit?: (event: AppEvent) => void;
  /** The data folder: a staged restore waits there for the next start. */
  dataDir?: string;
  /** Registers a long-running job with the app's activity tracker (sync: no update installs meanwhile). */
  beginActivity?: (kind: 'sync' | 'import') => () => void;
  /** The wall clock of the operator lock (PIN lockouts); tests move it on. */
  nowMs?: () => number;
}

export function createServices(db: Knex, session: Session, clock: HybridLogicalClock, options: ServiceOptions = {}): Services {
  const reference = new ReferenceService(db);
  const dispatch = new DispatchService(db, session, clock, reference, options.today);
  const platforms = new PlatformService(db, session, clock);
  const files = new FileStore(options.transferDir ?? path.join(os.tmpdir(), `skills-desk-transfers-${process.pid}`));
  files.sweep();
  const reachability = new ServerReachability({ onChange: () => options.emit?.({ type: 'status.changed' }) });
  return {
    backups: new BackupService(db, options.dataDir ?? path.dirname(files.dir), files, session),
    trainees: new TraineeService(db, session, clock),
    traineeAudit: new TraineeAuditService(db, session, clock),
    enrolments: new EnrolmentService(db, session, clock),
    platforms,
    reference,
    settings: new SettingsService(db, session, reference, reachability),
    dispatch,
    reportCodes: new ReportCodeService(db, session, reference),
    tables: new TableService(db, dispatch, reference, options.pdfPrinter ?? chromiumPdfPrinter(), options.today),
    sync: new SyncService(db, { session, files, emit: options.emit, reachability, beginActivity: options.beginActivity && (() => options.beginActivity!('sync')) }),
    files,
    imports: new ImportService(db, clock, session, files, platforms, reference, options.emit, options.beginActivity && (() => options.beginActivity!('import'))),
    valueChoices: new ValueChoiceService(db, session, platforms, reference),
    exports: new ExportService(db, session, files),
    operatorLock: new OperatorLockService(db, session, options.nowMs),
  };
}
