/** The desktop's short report code procedures (双周调度 after 上报; see src-shared/report-code.ts). */
import { z } from 'zod';
import { textField, uuidSchema } from './common';

export const shortCodeSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    /** The code grouped by five, as shown and read aloud. */
    code: z.string(),
    revision: z.number().int(),
    /**
     * What the QR code holds: the staff UI's 录入短码 page with the code filled in (a phone's camera opens it), or the
     * bare code when this PC knows no server address.
     */
    qrText: z.string(),
    /** The province's receipt for this revision's code, once the clerk typed it. */
    receipt: z.object({ code: z.string(), at: z.string() }).nullable(),
  }),
  /** No code: the report is not submitted, or this PC has no key yet; `reason` says what to do, in Chinese. */
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type ShortCode = z.infer<typeof shortCodeSchema>;

export const shortCodeReceiptInput = z.object({
  periodId: uuidSchema,
  receipt: textField('回执码', { min: 1, max: 40 }),
});
