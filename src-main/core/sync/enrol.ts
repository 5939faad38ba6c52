/**
 * Exchanges a one-time enrolment code for this PC's device token. The county comes from the code: a
 * store already set up for another county is refused before anything is saved. Replacing an existing enrolment
 * needs the clerk's explicit confirmation (`replaceExisting`), asked before any server is contacted: the new
 * server never sees the code, and a page that slipped a call through cannot quietly redirect the county's sync.
 */
import type { Knex } from 'knex';
import { AppError } from '../../../src-shared/errors';
import { findUnit } from '../../../src-shared/domain/units';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { normaliseServerUrl } from '../../../src-shared/domain/server-url';
import { SyncHttp } from './sync-http';
import { getSyncState, setSyncState } from './sync-state';
import { AUDIT_SENT_STATE } from '../audit/audit-push';
import { KEYS_EXCHANGED_AT, newSigningKey, rememberProvinceKeys, rememberReportCodeKey, storeSigningKey } from './device-keys';

export interface EnrolResult {
  countyCode: string;
  deviceId: string;
  serverUrl: string;
}

export interface EnrolInput {
  serverUrl: string;
  code: string;
  label?: string | null;
  timeoutMs?: number;
  /** The clerk confirmed replacing this PC's current enrolment. */
  replaceExisting?: boolean;
}

export async function enrolDevice(db: Knex, input: EnrolInput): Promise<EnrolResult> {
  const settings = new SettingsRepository(db);
  const checked = normaliseServerUrl(input.serverUrl);
  if (!checked.ok) throw AppError.field('serverUrl', checked.message);
  const serverUrl = checked.url;
  const localCounty = await settings.get<string>('countyCode');
  if (!localCounty) throw new AppError('NOT_CONFIGURED', '请先完成首次设置（选择本单位并填写操作员），再登记到省服务器');
  await refuseUnconfirmedReplacement(settings, localCounty, serverUrl, input.replaceExisting === true);
  const deviceId = await settings.get<string>('deviceId');
  if (!deviceId) throw new AppError('NOT_CONFIGURED', '本机编号缺失，请重新打开程序后再试');
  // A fresh signing pair per enrolment: the new device on the server starts with a key no copy has used.
  const signing = newSigningKey();
  const answer = await new SyncHttp({ baseUrl: serverUrl, timeoutMs: input.timeoutMs ?? 30_000 }).enrol({
    code: input.code.trim(),
    deviceId,
    label: input.label ?? null,
    ackedSeq: await getSyncState<number>(db, 'ackedSeq'),
    signingKey: signing.publicKey,
  });
  if (answer.kind === 'retry') throw new AppError('OFFLINE', '连不上省服务器，请检查网络和服务器地址后重试');
  if (answer.kind === 'refused') throw new AppError('VALIDATION', answer.message);
  const { token, countyCode, deviceId: serverDeviceId } = answer.data;
  if (countyCode !== localCounty) {
    // The server has already used up the code; the province issues a new one for the right county.
    const name = findUnit(countyCode)?.name ?? countyCode;
    throw new AppError('CONFLICT', `这个登记码是发给${name}的，与本机设置的单位不一致。请向省级管理员申请本单位的登记码`);
  }
  await db.transaction(async (trx) => {
    await settings.set('serverUrl', serverUrl, trx);
    await settings.set('deviceToken', token, trx);
    await settings.set('serverDeviceId', serverDeviceId, trx);
    // The whole audit chain goes to the server enrolled with: a new one has none of it, the same one counts repeats.
    await setSyncState(trx, AUDIT_SENT_STATE, 0);
    await storeSigningKey(db, signing, trx);
    await rememberProvinceKeys(trx, db, answer.data.provinceKeys ?? []);
    // A new enrolment is a new device on the server: the previous enrolment's short-code key no longer verifies.
    await settings.set('reportCodeKey', null, trx);
    await rememberReportCodeKey(trx, db, answer.data.reportCodeKey);
    // A server that answers with its province keys (even none yet) took this PC's signing key with the
    // enrolment: no key exchange is due for a day. An older server sends no such field.
    if (answer.data.provinceKeys !== undefined) await settings.set(KEYS_EXCHANGED_AT, Date.now(), trx);
  });
  return { countyCode, deviceId: serverDeviceId, serverUrl };
}

async function refuseUnconfirmedReplacement(settings: SettingsRepository, countyCode: string, newUrl: string, confirmed: boolean): Promise<void> {
  // Presence only: the sealed token need not be opened to know the PC is enrolled (as sync.status does).
  const [currentUrl, enrolled] = await Promise.all([settings.get<string>('serverUrl'), settings.has('deviceToken')]);
  if (!currentUrl || !enrolled || confirmed) return;
  const county = findUnit(countyCode)?.name ?? countyCode;
  const what = currentUrl === newUrl ? '如果确实要用新的登记码重新登记，请确认替换；原来的登记将不再使用。' : `如果确实要改为登记到 ${newUrl}，请确认替换；替换后本机只与新服务器同步。`;
  throw new AppError(
    'ALREADY_ENROLLED',
    `本机（${county}）已登记到省服务器 ${currentUrl}。${what}`,
    { serverUrl: currentUrl, countyCode, newServerUrl: newUrl },
  );
}
