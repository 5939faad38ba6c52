/**
 * The router's door (issue #19 item 3): while nobody is logged in, or the session locked itself after the idle
 * minutes, every procedure but the lock screen's is refused with LOCKED. It sits in the router, which the
 * Electron IPC and the browser host both call, so neither transport is a way round it.
 */
import type { Knex } from 'knex';
import type { ProcedureName } from '../../../src-shared/contract';
import { AppError } from '../../../src-shared/errors';
import { SettingsRepository } from '../db/repositories/settings-repository';
import type { KeyboardSession } from './keyboard-session';
import { LOCKED_MESSAGE } from './lock-settings';

/** What the lock screen and the first-run setup need; nothing here reads or changes the county's records. */
export const OPEN_WHILE_LOCKED: ReadonlySet<ProcedureName> = new Set<ProcedureName>([
  'app.info',
  'session.state',
  'session.login',
  'session.setPin',
  'session.lock',
  // 忘记 PIN: the recovery code stands in for the PIN (it only clears a PIN; nobody is logged in by it).
  'session.resetPinWithCode',
  // The setup screen's province -> city -> county choice: public reference data.
  'units.list',
]);

/** Background polls (the status bar, the sync page): they pass while unlocked but do not count as the clerk's activity. */
const PASSIVE: ReadonlySet<ProcedureName> = new Set<ProcedureName>(['status.get', 'sync.status', 'session.state']);

export type RouterGate = (name: ProcedureName) => Promise<void>;

export function operatorGate(db: Knex, keyboard: KeyboardSession): RouterGate {
  const settings = new SettingsRepository(db);
  return async (name) => {
    if (OPEN_WHILE_LOCKED.has(name)) return;
    // First run only: once the county is set, setup.init must not become a way to add an operator and log in.
    if (name === 'setup.init' && !(await settings.has('countyCode'))) return;
    if (!keyboard.active()) {
      throw new AppError('LOCKED', LOCKED_MESSAGE);
    }
    if (!PASSIVE.has(name)) keyboard.touch();
  };
}
