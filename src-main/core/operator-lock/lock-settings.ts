/** The lock's settings, kept in the store's settings table: idle minutes before it locks, and the PIN rule. */
import type { Knex } from 'knex';
import { DEFAULT_PIN_POLICY, type PinPolicy } from '../../../src-shared/domain/operator-pin';
import { SettingsRepository } from '../db/repositories/settings-repository';

export const DEFAULT_IDLE_LOCK_MINUTES = 10;
/** 5 wrong PINs in a row lock that operator for 15 minutes (the staff login's rule, GB/T 22239 8.1.4.1). */
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 15 * 60_000;

export interface LockSettings {
  idleLockMinutes: number;
  pinPolicy: PinPolicy;
}

/** The refusal of anything but the lock screen while locked (the router's gate and the file transfer routes). */
export const LOCKED_MESSAGE = '已锁定：请选择操作员并输入 PIN 解锁后继续';

export async function readLockSettings(db: Knex): Promise<LockSettings> {
  const settings = new SettingsRepository(db);
  const stored = await settings.get<Partial<PinPolicy>>('pinPolicy');
  return {
    idleLockMinutes: (await settings.get<number>('idleLockMinutes')) ?? DEFAULT_IDLE_LOCK_MINUTES,
    pinPolicy: { ...DEFAULT_PIN_POLICY, ...(stored ?? {}) },
  };
}
