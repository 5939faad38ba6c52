/** First-run setup, settings, the operators who share this PC, and the status bar's figures. */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { DEFAULT_CAMPAIGN } from '../../../src-shared/domain/periods';
import { findUnit } from '../../../src-shared/domain/units';
import { isValidIsoDate } from '../../../src-shared/domain/dates';
import { AppError } from '../../../src-shared/errors';
import type { Operator, Settings, settingsSetInput, setupInitInput, statusSchema } from '../../../src-shared/schemas/settings';
import { nowIso } from '../clock';
import { OperatorRepository, type OperatorRow } from '../db/repositories/operator-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { TraineeRepository } from '../db/repositories/trainee-repository';
import { isUniqueViolation } from '../../../src-node/sqlite-errors';
import type { ReferenceService } from './reference-service';
import type { Session } from '../session';
import { recordAuditOnly } from '../change-set';
import type { ServerReachability } from '../sync/server-reachability';
import { readLockSettings } from '../operator-lock/lock-settings';

function toOperator(row: OperatorRow): Operator {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export class SettingsService {
  private readonly settings: SettingsRepository;
  private readonly operators: OperatorRepository;

  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly reference: ReferenceService,
    /** 在线 / 离线 for the status bar; without it the bar says the server is not connected. */
    private readonly reachability?: ServerReachability,
  ) {
    this.settings = new SettingsRepository(db);
    this.operators = new OperatorRepository(db);
  }

  async get(): Promise<Settings> {
    const countyCode = await this.settings.get<string>('countyCode');
    const county = countyCode ? findUnit(countyCode) : undefined;
    const city = county?.parentCode ? findUnit(county.parentCode) : undefined;
    // The operator logged in at the keyboard, not the last one: settings never name someone who is not there.
    const operatorId = this.session.keyboard.actor()?.operatorId;
    const operator = operatorId ? await this.operators.find(operatorId) : null;
    const lock = await readLockSettings(this.db);
    return {
      configured: Boolean(countyCode) && (await this.operators.listActive()).length > 0,
      county: countyCode ? { code: countyCode, name: county?.name ?? countyCode, cityName: city?.name ?? '' } : null,
      operator: operator ? toOperator(operator) : null,
      campaignStart: (await this.settings.get<string>('campaignStart')) ?? DEFAULT_CAMPAIGN.campaignStart,
      campaignEnd: (await this.settings.get<string>('campaignEnd')) ?? DEFAULT_CAMPAIGN.campaignEnd,
      contactPhone: await this.settings.get<string>('contactPhone'),
      tableReviewer: await this.settings.get<string>('tableReviewer'),
      idleLockMinutes: lock.idleLockMinutes,
      pinPolicy: lock.pinPolicy,
    };
  }

  async init(input: z.output<typeof setupInitInput>): Promise<Settings> {
    const unit = findUnit(input.countyCode);
    if (!unit || unit.level !== 'county') throw AppError.field('countyCode', '请选择一个县级单位（县、区、县级市）');
    const existing = await this.settings.get<string>('countyCode');
    if (existing && existing !== input.countyCode) {
      throw new AppError('CONFLICT', '本机已设置为其他单位，不能更改；如需更换单位请联系省级管理员');
    }
    await this.db.transaction(async (trx) => {
      await this.settings.set('countyCode', input.countyCode, trx);
      let operator = await this.operators.findByName(input.operatorName, trx);
      if (!operator) {
        operator = { id: randomUUID(), name: input.operatorName, created_at: nowIso(), disabled_at: null };
        await this.operators.insert(operator, trx);
      }
      await this.settings.set('currentOperatorId', operator.id, trx);
      const actor = { operatorId: operator.id, operatorName: operator.name };
      await recordAuditOnly(trx, actor, { entity: 'settings', entityId: 'countyCode', action: 'setup', changes: { countyCode: [existing, input.countyCode] } });
    });
    return this.get();
  }

  async set(input: z.output<typeof settingsSetInput>): Promise<Settings> {
    const current = await this.get();
    const start = input.campaignStart ?? current.campaignStart;
    const end = input.campaignEnd ?? current.campaignEnd;
    if (!isValidIsoDate(start)) throw AppError.field('campaignStart', '行动开始日期不是有效日期，格式如 2020-04-01');
    if (!isValidIsoDate(end)) throw AppError.field('campaignEnd', '行动结束日期不是有效日期，格式如 2020-06-30');
    if (end <= start) throw AppError.field('campaignEnd', '行动结束日期应晚于开始日期');
    const actor = await this.session.actor();
    const pinPolicy = { minLength: input.pinMinLength ?? current.pinPolicy.minLength, allowLetters: input.pinAllowLetters ?? current.pinPolicy.allowLetters };
    const pinPolicyChanged = pinPolicy.minLength !== current.pinPolicy.minLength || pinPolicy.allowLetters !== current.pinPolicy.allowLetters;
    await this.db.transaction(async (trx) => {
      await this.settings.set('campaignStart', start, trx);
      await this.settings.set('campaignEnd', end, trx);
      // An emptied field is stored as null: the table then leaves the line blank for a hand signature.
      if (input.contactPhone !== undefined) await this.settings.set('contactPhone', input.contactPhone || null, trx);
      if (input.tableReviewer !== undefined) await this.settings.set('tableReviewer', input.tableReviewer || null, trx);
      if (input.idleLockMinutes !== undefined) await this.settings.set('idleLockMinutes', input.idleLockMinutes, trx);
      if (pinPolicyChanged) await this.settings.set('pinPolicy', pinPolicy, trx);
      const changes = {
        campaignStart: [current.campaignStart, start],
        campaignEnd: [current.campaignEnd, end],
        ...(input.contactPhone !== undefined ? { contactPhone: [current.contactPhone, input.contactPhone || null] } : {}),
        ...(input.tableReviewer !== undefined ? { tableReviewer: [current.tableReviewer, input.tableReviewer || null] } : {}),
        ...(input.idleLockMinutes !== undefined ? { idleLockMinutes: [current.idleLockMinutes, input.idleLockMinutes] } : {}),
        ...(pinPolicyChanged ? { pinPolicy: [current.pinPolicy, pinPolicy] } : {}),
      };
      await recordAuditOnly(trx, actor, { entity: 'settings', entityId: 'campaign', action: 'update', changes });
    });
    if (input.idleLockMinutes !== undefined) this.session.keyboard.setIdleMinutes(input.idleLockMinutes);
    if (input.campaignStart !== undefined || input.campaignEnd !== undefined) await this.reference.ensureLocalPeriods();
    return this.get();
  }

  async listOperators(): Promise<Operator[]> {
    return (await this.operators.listActive()).map(toOperator);
  }

  /** The new clerk sets a PIN at their first login; whoever is logged in stays logged in. */
  async createOperator(name: string): Promise<Operator> {
    const row: OperatorRow = { id: randomUUID(), name, created_at: nowIso(), disabled_at: null };
    try {
      const actor = await this.session.actor();
      await this.db.transaction(async (trx) => {
        await this.operators.insert(row, trx);
        await recordAuditOnly(trx, actor, { entity: 'operator', entityId: row.id, action: 'create', changes: { name: [null, name] } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AppError.field('name', '已有同名操作员，请直接选择，或在姓名后加以区分');
      throw error;
    }
    return toOperator(row);
  }

  async status(): Promise<z.infer<typeof statusSchema>> {
    const settings = await this.get();
    const pending = await this.db('outbox').count<{ n: number }[]>({ n: '*' });
    return {
      countyName: settings.county?.name ?? null,
      operatorName: settings.operator?.name ?? null,
      pendingChanges: Number(pending[0]?.n ?? 0),
      lastSyncAt: await this.settings.get<string>('lastSyncAt'),
      online: this.reachability?.current(await this.settings.get<string>('serverUrl')) ?? null,
      traineeCount: await new TraineeRepository(this.db).liveCount(),
    };
  }
}
