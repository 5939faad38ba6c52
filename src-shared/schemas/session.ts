/** The lock screen's procedures: who may log in at this PC, with which PIN rule, and whether it is locked. */
import { z } from 'zod';
import { PIN_MAX_LENGTH } from '../domain/operator-pin';
import { uuidSchema } from './common';

const pinField = z.string({ error: '请输入 PIN' }).min(1, { error: '请输入 PIN' }).max(PIN_MAX_LENGTH, { error: `PIN 最多 ${PIN_MAX_LENGTH} 位` });

export const pinPolicySchema = z.object({ minLength: z.number().int(), allowLetters: z.boolean() });

export const lockOperatorSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  /** false: the operator sets a PIN at their first login (an operator added before the lock existed, or just added). */
  hasPin: z.boolean(),
  /** Set while this operator is locked out after too many wrong PINs. */
  lockedUntil: z.string().nullable(),
});

export const sessionStateSchema = z.object({
  /** The county is set and an operator exists; false shows the first-run setup. */
  configured: z.boolean(),
  locked: z.boolean(),
  operator: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  /** Preselected on the lock screen: who logged in last. */
  lastOperatorId: z.string().nullable(),
  operators: z.array(lockOperatorSchema),
  idleLockMinutes: z.number().int(),
  pinPolicy: pinPolicySchema,
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const sessionLoginInput = z.object({ operatorId: uuidSchema, pin: pinField });
export const sessionChangePinInput = z.object({ current: pinField, next: pinField });

/** 忘记 PIN on the lock screen: the recovery code shown at setup (it opens the data key) clears an operator's PIN. */
export const sessionResetPinWithCodeInput = z.object({
  operatorId: uuidSchema,
  code: z.string({ error: '请输入恢复码' }).trim().min(1, { error: '请输入恢复码' }).max(80, { error: '恢复码是 32 个字符，分 8 组' }),
});
/** A logged-in colleague clears another operator's PIN, confirming with their own. */
export const operatorResetPinInput = z.object({ operatorId: uuidSchema, myPin: pinField });
