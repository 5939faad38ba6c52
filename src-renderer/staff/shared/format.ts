import dayjs from 'dayjs';

/** An ISO instant as the staff read it, in this computer's time zone. */
export function formatTime(iso: string | null): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** The one count formatter of both UIs (9,617). */
export { formatCount } from '../../../src-shared/format/numbers';
