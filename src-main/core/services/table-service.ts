/**
 * The printed table (线上培训行动实施情况双周调度表) of a period or of any date, as one model rendered three ways:
 * HTML (print preview, the browser's print), PDF and .xlsx.
 *
 * A period's table shows the report's figures (adjusted where a clerk adjusted them; frozen once submitted). A date
 * that is no period's cutoff gets the figures computed from the records as of that day, without adjustments, and is
 * labelled with that date: useful for a look between reports, never a substitute for the period's report.
 */
import type { Knex } from 'knex';
import { buildCountyTable, type DispatchTableModel } from '../../../src-shared/domain/dispatch-table';
import { todayIso } from '../../../src-shared/domain/dates';
import type { Figures } from '../../../src-shared/domain/dispatch-figures';
import type { z } from 'zod';
import type { tableFormat, tableTarget } from '../../../src-shared/schemas/dispatch';
import { OperatorRepository } from '../db/repositories/operator-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { renderTableHtml } from '../../../src-shared/print/html-table';
import type { PdfPrinter } from '../../../src-node/print/pdf';
import { renderTableXlsx } from '../../../src-node/print/xlsx-table';
import type { DispatchService } from './dispatch-service';
import type { ReferenceService } from './reference-service';

export type TableTarget = z.output<typeof tableTarget>;
export type TableFormat = z.output<typeof tableFormat>;

export interface TableFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

const MIME_TYPES: Record<TableFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

interface TableSource {
  cutoffDate: string;
  figures: Figures;
  nationalPlatformNames: string[];
  filledBy: string | null;
  filledOn: string;
}

export class TableService {
  private readonly settings: SettingsRepository;
  private readonly operators: OperatorRepository;

  constructor(
    db: Knex,
    private readonly dispatch: DispatchService,
    private readonly reference: ReferenceService,
    private readonly pdf: PdfPrinter,
    private readonly today: () => string = () => todayIso(),
  ) {
    this.settings = new SettingsRepository(db);
    this.operators = new OperatorRepository(db);
  }

  async model(target: TableTarget): Promise<DispatchTableModel> {
    const source = await this.source(target);
    const unitName = await this.dispatch.unitName();
    return buildCountyTable({
      unitName,
      cutoffDate: source.cutoffDate,
      figures: source.figures,
      nationalPlatformNames: source.nationalPlatformNames,
      signatures: {
        filledBy: source.filledBy ?? (await this.currentOperatorName()),
        reviewer: (await this.settings.get<string>('tableReviewer')) ?? '',
        phone: (await this.settings.get<string>('contactPhone')) ?? '',
        filledOn: source.filledOn,
      },
    });
  }

  async html(target: TableTarget): Promise<{ html: string; fileName: string }> {
    const model = await this.model(target);
    // Whoever previews the table usually downloads the PDF next: start the browser now, off the clerk's wait.
    this.pdf.warm?.();
    return { html: renderTableHtml(model), fileName: fileNameFor(model, 'html') };
  }

  async export(target: TableTarget, format: TableFormat): Promise<TableFile> {
    const model = await this.model(target);
    const bytes =
      format === 'xlsx'
        ? await renderTableXlsx(model)
        : format === 'pdf'
          ? await this.pdf.print(renderTableHtml(model))
          : Buffer.from(renderTableHtml(model), 'utf8');
    return { fileName: fileNameFor(model, format), mimeType: MIME_TYPES[format], bytes };
  }

  /** Closes the PDF printer's browser, if one is running. */
  close(): Promise<void> {
    return this.pdf.close();
  }

  private async source(target: TableTarget): Promise<TableSource> {
    const periodId =
      'periodId' in target ? target.periodId : (await this.reference.periods()).find((p) => p.cutoffDate === target.cutoffDate)?.id;
    if (periodId) {
      const report = await this.dispatch.get(periodId);
      const figures = Object.fromEntries(report.figures.map((f) => [f.key, f.final])) as Figures;
      return {
        cutoffDate: report.period.cutoffDate,
        figures,
        nationalPlatformNames: report.nationalPlatformNames,
        filledBy: report.submittedBy,
        filledOn: report.submittedAt ? todayIso(new Date(report.submittedAt)) : this.today(),
      };
    }
    const cutoffDate = 'cutoffDate' in target ? target.cutoffDate : this.today();
    const snapshot = await this.dispatch.liveSnapshot(cutoffDate);
    return { cutoffDate, figures: snapshot.figures, nationalPlatformNames: snapshot.nationalPlatformNames, filledBy: null, filledOn: this.today() };
  }

  private async currentOperatorName(): Promise<string> {
    const id = await this.settings.get<string>('currentOperatorId');
    return (id ? (await this.operators.find(id))?.name : null) ?? '';
  }
}

/** '线上培训行动实施情况双周调度表_哈尔滨市道里区_2020-04-10.pdf' */
export function fileNameFor(model: DispatchTableModel, format: TableFormat): string {
  const unit = model.reportingUnit.replace(/[\\/:*?"<>|\s]+/g, '');
  return `${model.title}_${unit}_${model.cutoffDate}.${format}`;
}
