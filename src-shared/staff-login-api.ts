/**
 * The staff login as the API speaks it (issue #19): the rules a password must meet, the stages a
 * login goes through (password → second factor, or its enrolment at first login → a new password
 * when the old one expired → a full session), and the answers of each step.
 */
import { z } from 'zod';
import { staffUserSchema } from './staff-api';

/** The security settings the province's server operator sets (`server-admin security set`). */
export const securitySettingsSchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  /** Of four classes: lower case, upper case, digits, other characters. */
  passwordMinClasses: z.number().int().min(1).max(4),
  /** 0: passwords never expire. */
  passwordMaxAgeDays: z.number().int().min(0).max(365),
  idleTimeoutMinutes: z.number().int().min(5).max(480),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

/** 等保 level 3 defaults: 10 characters of 3 classes, changed every 90 days, 30 idle minutes. */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { passwordMinLength: 10, passwordMinClasses: 3, passwordMaxAgeDays: 90, idleTimeoutMinutes: 30 };

/** The password rules in words, for the forms that set one. */
export function passwordRulesText(s: SecuritySettings): string {
  return `至少 ${s.passwordMinLength} 位，含大写字母、小写字母、数字、其他符号中的至少 ${s.passwordMinClasses} 类，不得包含用户名，不得使用常见密码`;
}

/** What a session may do: `full` everything its role allows; the others only their own step of the login. */
export const SESSION_STAGES = ['full', 'second-factor', 'enrol', 'change-password'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];
export type PendingStage = Exclude<SessionStage, 'full'>;

export const doneLoginSchema = z.object({
  stage: z.literal('done'),
  token: z.string(),
  user: staffUserSchema,
  idleTimeoutMs: z.number(),
  passwordExpiresAt: z.string().nullable(),
  /** After a login with a recovery code: how many are left (time to enrol anew when few). */
  recoveryCodesLeft: z.number().optional(),
});

/** A step still to take: the token opens only that step, for a few minutes. */
export const pendingLoginSchema = z.object({
  stage: z.enum(['second-factor', 'enrol', 'change-password']),
  token: z.string(),
  user: staffUserSchema,
  expiresAt: z.string(),
  /** The server's clock, so a client can tell a phone whose time is off. */
  serverTime: z.string(),
  passwordRules: z.string(),
});

export const loginAnswerSchema = z.union([doneLoginSchema, pendingLoginSchema]);
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;

/** The new authenticator's secret: shown as a QR code of `uri` and as text to type in. */
export const enrolStartSchema = z.object({ secret: z.string(), uri: z.string(), issuer: z.string(), account: z.string() });

/** The recovery codes are shown once, here, and never again. */
export const enrolDoneSchema = z.object({ recoveryCodes: z.array(z.string()), login: loginAnswerSchema });

export const RECOVERY_CODE_COUNT = 10;
