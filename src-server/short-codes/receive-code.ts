/**
 * A short report code received (issue #16 item 3), typed on the staff web UI (录入短码) or posted by an SMS
 * gateway: the check character, the county and period, the MAC under the key of an enrolled PC of that county,
 * and the revision against what is already here. A replay or an older revision is refused with the reason (a
 * replay also carries the receipt given the first time, so the county can have it again); nothing is written
 * unless the code is recorded. The answer holds the receipt code the clerk types back on the PC.
 */
import type { Knex } from 'knex';
import { findUnit } from '../../src-shared/domain/units';
import { chinaDateTime } from '../../src-shared/format/china-time';
import { codeMacMatches, groupCode, parseReportCode, receiptCodeFor, type ParsedReportCode } from '../../src-shared/report-code';
import type { ShortCodeReceived } from '../../src-shared/short-code-api';
import { reportCodeMac } from '../../src-node/report-code-mac';
import type { ServerKeyring } from '../secrets/server-keys';
import { findPeriod } from '../staff/report-repository';
import { countyDisplayName } from '../staff/staff-scope';
import { fail, ok, type StaffErrorCode, type StaffResult } from '../staff/staff-result';
import { reconciliation } from './reconcile-codes';
import { insertCode, latestCode, syncedReport } from './report-code-repository';

export interface ReceiveOptions {
  via: 'staff' | 'sms';
  /** `staff:<name>` or `sms:<sender>`, for the record. */
  receivedBy: string;
  /** A city account may record only its own counties' codes (a refusal value), the province and the gateway any. */
  mayRecord?: (countyCode: string) => StaffResult<unknown>;
  now: Date;
}

export type CodeRefusalKind = 'FORMAT' | 'CHECK' | 'VERSION' | 'CONTENT' | 'RANGE' | 'COUNTY' | 'PERIOD' | 'MAC' | 'REVOKED' | 'REPLAY' | 'OLDER' | 'FORBIDDEN';

function refuse(status: StaffErrorCode, refusal: CodeRefusalKind, message: string, extra: Record<string, unknown> = {}): StaffResult<never> {
  return fail(status, message, { refusal, ...extra });
}

export async function receiveReportCode(db: Knex, keyring: ServerKeyring, text: string, options: ReceiveOptions): Promise<StaffResult<ShortCodeReceived>> {
  const parsed = parseReportCode(text);
  if (!parsed.ok) return refuse('VALIDATION', parsed.refusal, parsed.message);
  const { countyCode, cutoffDate, revision, figures } = parsed.value.fields;
  // The refusals name the county: the audit row and the log say whose code it was.
  const refuseFor = (status: StaffErrorCode, refusal: CodeRefusalKind, message: string, extra: Record<string, unknown> = {}) => refuse(status, refusal, message, { countyCode, ...extra });
  const county = findUnit(countyCode);
  if (county?.level !== 'county') return refuseFor('VALIDATION', 'COUNTY', `短码中的单位代码 ${countyCode} 不是本省的县（区、市），请核对后重新输入`);
  const allowed = options.mayRecord?.(countyCode);
  if (allowed && !allowed.ok) return refuseFor('FORBIDDEN', 'FORBIDDEN', `这是${countyDisplayName(countyCode)}的短码，不属于本市，请交省级录入`);
  const period = await findPeriod(db, cutoffDate);
  if (!period) return refuseFor('VALIDATION', 'PERIOD', `短码中的截止日期 ${cutoffDate} 不是调度期次，请核对后重新输入`);
  const device = await signingDevice(db, keyring, parsed.value);
  const name = countyDisplayName(countyCode);
  if (!device) return refuseFor('VALIDATION', 'MAC', `短码验证不通过：不是${name}登记的电脑生成的，或有字抄错。请与县里逐位核对；仍不通过请让县里联网同步或用U盘文件上报`);
  if (device.revoked) return refuseFor('FORBIDDEN', 'REVOKED', `生成这个短码的电脑已被停用，短码不予接收。请${name}用仍在使用的电脑重新上报`);
  const mac = reportCodeMac(keyring.reportCodeKey(device.id));
  const receipt = receiptCodeFor(parsed.value.canonical, mac);
  const now = options.now.toISOString();
  return db.transaction(async (trx) => {
    const latest = await latestCode(trx, countyCode, cutoffDate);
    if (latest && latest.code === parsed.value.canonical) {
      return refuseFor('CONFLICT', 'REPLAY', `这个短码已于 ${chinaDateTime(latest.received_at)} 录入过（${name}第 ${period.seq} 期第 ${revision} 次上报），未重复记录。回执码：${groupCode(latest.receipt)}`, { receipt: groupCode(latest.receipt) });
    }
    if (latest && latest.revision >= revision) {
      return refuseFor('CONFLICT', 'OLDER', `${name}第 ${period.seq} 期已收到第 ${latest.revision} 次上报的短码，这个是第 ${revision} 次的（较旧），未记录。请让县里读最新的短码`);
    }
    const synced = await syncedReport(trx, countyCode, cutoffDate);
    if (synced?.revision != null && synced.revision > revision) {
      return refuseFor('CONFLICT', 'OLDER', `${name}第 ${period.seq} 期第 ${synced.revision} 次上报的报表已同步到省里，这个短码是第 ${revision} 次的（较旧），未记录`);
    }
    const outcome = synced ? reconciliation({ revision, figures }, synced) : null;
    await insertCode(trx, {
      county_code: countyCode,
      cutoff_date: cutoffDate,
      revision,
      code: parsed.value.canonical,
      figures: JSON.stringify(figures),
      device_id: device.id,
      via: options.via,
      received_by: options.receivedBy,
      received_at: now,
      receipt,
      state: outcome?.state ?? 'provisional',
      differences: outcome ? JSON.stringify(outcome.differences) : null,
      reconciled_at: outcome ? now : null,
    });
    const state = outcome?.state ?? 'provisional';
    const tail = state === 'provisional' ? '，待县里联网同步或送U盘文件后核对' : state === 'reconciled' ? '，与已同步的报表一致' : '，与已同步的报表不一致，已在看板上标出';
    return ok({
      countyCode,
      countyName: name,
      cutoffDate,
      periodSeq: period.seq,
      revision,
      figures,
      receipt: groupCode(receipt),
      state,
      message: `已收到${name}第 ${period.seq} 期第 ${revision} 次上报的短码${tail}。请把回执码 ${groupCode(receipt)} 告诉县里，在“双周调度 → 输入回执码”中输入。`,
    });
  });
}

/** The county's device whose key made this MAC (a county has one to a few PCs: each key is tried). */
async function signingDevice(db: Knex, keyring: ServerKeyring, code: ParsedReportCode): Promise<{ id: string; revoked: boolean } | null> {
  const devices = await db('devices').where({ county_code: code.fields.countyCode }).select<Array<{ id: string; revoked_at: string | null }>>('id', 'revoked_at');
  for (const d of devices) {
    if (codeMacMatches(code, reportCodeMac(keyring.reportCodeKey(d.id)))) return { id: d.id, revoked: d.revoked_at !== null };
  }
  return null;
}
