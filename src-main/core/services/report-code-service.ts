/**
 * 短码 on 双周调度 (issue #16 item 3): a submitted report as a short code the clerk reads over the phone or sends
 * by SMS when there is no line, and the province's receipt code typed back, which marks the report as received
 * (已收到短码) until the full sync confirms it. The code is computed from the submitted (frozen) figures each time
 * it is shown: the same report and revision always give the same code.
 */
import type { Knex } from 'knex';
import { finalFigures } from '../../../src-shared/domain/dispatch-figures';
import { isLocked } from '../../../src-shared/domain/dispatch-status';
import { AppError } from '../../../src-shared/errors';
import { checkReceiptCode, encodeReportCode, groupCode } from '../../../src-shared/report-code';
import type { ShortCode } from '../../../src-shared/schemas/report-code';
import { reportCodeMac } from '../../../src-node/report-code-mac';
import { nowIso } from '../clock';
import { DispatchRepository } from '../db/repositories/dispatch-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import type { Session } from '../session';
import { reportCodeKey } from '../sync/device-keys';
import type { ReferenceService } from './reference-service';

const NO_KEY = '本机还没有短码密钥：登记到省服务器后（已登记的电脑联网同步一次后）才能生成短码。没有网络时请用U盘文件上报。';

export class ReportCodeService {
  private readonly reports: DispatchRepository;

  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly reference: ReferenceService,
  ) {
    this.reports = new DispatchRepository(db);
  }

  async shortCode(periodId: string): Promise<ShortCode> {
    const made = await this.make(periodId);
    if (!made.ok) return { available: false, reason: made.reason };
    const receipt = await this.reports.codeReceipt(made.reportId);
    return {
      available: true,
      code: groupCode(made.code),
      revision: made.revision,
      qrText: await this.qrText(made.code),
      receipt: receipt && receipt.revision === made.revision ? { code: groupCode(receipt.code, 5), at: receipt.at } : null,
    };
  }

  /** The clerk types the province's receipt: checked against this revision's code under this PC's key, then kept. */
  async confirmReceipt(periodId: string, typed: string): Promise<ShortCode> {
    const made = await this.make(periodId);
    if (!made.ok) throw new AppError('CONFLICT', made.reason);
    const checked = checkReceiptCode(made.code, typed, made.mac);
    if (!checked.ok) throw AppError.field('receipt', checked.message);
    const canonical = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
    await this.reports.saveCodeReceipt(made.reportId, { code: canonical, revision: made.revision, at: nowIso() });
    return this.shortCode(periodId);
  }

  /** The staff UI's 录入短码 page with the code in its address (`#/codes?code=`), read by ShortCodePage. */
  private async qrText(code: string): Promise<string> {
    const serverUrl = await new SettingsRepository(this.db).get<string>('serverUrl');
    return serverUrl ? `${serverUrl.replace(/\/+$/, '')}/staff/#/codes?code=${code}` : code;
  }

  private async make(periodId: string) {
    const period = (await this.reference.periods()).find((p) => p.id === periodId);
    if (!period) throw new AppError('NOT_FOUND', '找不到这一期调度，请刷新期次列表后重试');
    const stored = await this.reports.find(period.id);
    if (!stored || !isLocked(stored.row.status)) return { ok: false as const, reason: '本期调度表上报后才有短码。' };
    const key = await reportCodeKey(this.db);
    if (!key) return { ok: false as const, reason: NO_KEY };
    const mac = reportCodeMac(key);
    const revision = Math.max(1, stored.row.submit_revision);
    const code = encodeReportCode(
      { countyCode: await this.session.countyCode(), cutoffDate: period.cutoffDate, revision, figures: finalFigures(stored.computed.figures, stored.adjustments) },
      mac,
    );
    if (!code.ok) return { ok: false as const, reason: code.message };
    return { ok: true as const, code: code.value, revision, reportId: stored.row.id, mac };
  }
}
