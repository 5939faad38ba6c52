/** Chinese names of the fields a column can be mapped to; the labels themselves live in src-shared. */
import {
  ENROLMENT_FIELDS,
  TRAINEE_FIELDS,
  type ImportField,
  type ImportKind,
} from '../../../src-shared/schemas/import';

export { fieldLabel } from '../../../src-shared/schemas/import';

export const KIND_LABELS: Record<ImportKind, string> = { trainees: '学员名单', enrolments: '培训记录' };


export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === 'trainees' ? TRAINEE_FIELDS : ENROLMENT_FIELDS;
}
