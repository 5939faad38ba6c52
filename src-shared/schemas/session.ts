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
