import type { ProcedureInput } from '../../../src-shared/contract';
import { chinaToday } from '../../../src-shared/format/china-time';
import { isoOrTyped } from '../../../src-shared/domain/typed-date';

export interface EnrolmentFormValues {
  traineeId?: string;
  platformId?: string | null;
  occupationId?: string | null;
  courseName?: string;
  /** Dates as typed (DateInput); sent as 'YYYY-MM-DD'. */
  startDate?: string | null;
  endDate?: string | null;
  hours?: number | null;
  signedIn?: boolean;
  learningRecord?: string;
  testResult?: string;
}

export const ENROLMENT_FIELDS = [
  'traineeId',
  'platformId',
  'occupationId',
  'courseName',
  'startDate',
  'endDate',
  'hours',
  'signedIn',
  'learningRecord',
  'testResult',
] as const satisfies ReadonlyArray<keyof EnrolmentFormValues>;

export function emptyEnrolmentValues(): EnrolmentFormValues {
  return { startDate: chinaToday(), endDate: null, hours: null, signedIn: true, occupationId: null };
}

function textOrNull(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export type CourseInput = ProcedureInput<'enrolments.createMany'>['course'];

/** The form has been validated; the server validates again, so gaps are passed on as they are. */
export function toCourseInput(values: EnrolmentFormValues): CourseInput {
  return {
    platformId: values.platformId ?? '',
    occupationId: values.occupationId ?? null,
    courseName: values.courseName ?? '',
    startDate: isoOrTyped(values.startDate),
    endDate: isoOrTyped(values.endDate) === '' ? null : isoOrTyped(values.endDate),
    hours: values.hours ?? 0,
    signedIn: values.signedIn ?? false,
    learningRecord: textOrNull(values.learningRecord),
    testResult: textOrNull(values.testResult),
  };
}

export function toEnrolmentInput(values: EnrolmentFormValues): ProcedureInput<'enrolments.create'> {
  return { traineeId: values.traineeId ?? '', ...toCourseInput(values) };
}
