/**
 * The short report code on the staff side (issue #16 item 3): what 录入短码 and the SMS gateway send, what they
 * answer (the county, period and figures read from the code, and the receipt code for the clerk), and how a
 * received code stands on the board until the full report reconciles it.
 */
import { z } from 'zod';
import { FIGURE_KEYS } from './domain/dispatch-figures';

export const SHORT_CODE_STATES = ['provisional', 'reconciled', 'differs', 'superseded'] as const;
export type ShortCodeState = (typeof SHORT_CODE_STATES)[number];

export const SHORT_CODE_STATE_LABELS: Readonly<Record<ShortCodeState, string>> = {
  provisional: '已收到（短码），待同步核对',
  reconciled: '短码与同步的报表一致',
  differs: '短码与同步的报表不一致',
  superseded: '短码已被县里重新上报的报表取代',
};

const figuresSchema = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number().int()])) as Record<(typeof FIGURE_KEYS)[number], z.ZodNumber>);

export const shortCodeBody = z.object({ code: z.string().trim().min(1, { error: '请输入县里报来的短码' }).max(80, { error: '短码过长，请核对后重新输入' }) });

export const shortCodeReceivedSchema = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  cutoffDate: z.string(),
  periodSeq: z.number().int(),
  revision: z.number().int(),
  figures: figuresSchema,
  /** For the clerk to type on the PC (双周调度 → 输入回执码), grouped for reading aloud. */
  receipt: z.string(),
  state: z.enum(SHORT_CODE_STATES),
  message: z.string(),
});
export type ShortCodeReceived = z.infer<typeof shortCodeReceivedSchema>;

/** On a board row: the newest code received for the period, if any. */
export const boardShortCodeSchema = z.object({
  revision: z.number().int(),
  via: z.enum(['staff', 'sms']),
  receivedAt: z.string(),
  state: z.enum(SHORT_CODE_STATES),
  figures: figuresSchema,
  /** The figures in which the full report differs (state `differs`). */
  differences: z.array(z.enum(FIGURE_KEYS)),
});
export type BoardShortCode = z.infer<typeof boardShortCodeSchema>;

/** `POST /api/v1/sms/inbound`: the gateway's message (its text may hold the code among other words). */
export const smsInboundBody = z.object({ from: z.string().max(40).optional(), text: z.string().max(1000) });
