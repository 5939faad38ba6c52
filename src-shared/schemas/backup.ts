import { z } from 'zod';
import { fileRefSchema } from './import';

export const backupCreateOutput = fileRefSchema;

export const backupRestoreInput = z.object({
  /** An uploaded file (POST /upload), checked before anything is staged. */
  fileId: z.string({ error: '请先选择备份文件' }).min(1, { error: '请先选择备份文件' }).max(100),
});

export const backupRestoreOutput = z.object({
  countyCode: z.string().nullable(),
  trainees: z.number().int(),
  /** The restore is applied at the next start of the program. */
  restartRequired: z.literal(true),
});
