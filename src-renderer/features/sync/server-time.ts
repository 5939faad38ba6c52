import dayjs from 'dayjs';

/**
 * A time stamped by the provincial server's clock (UTC ISO text), shown in this PC's time zone
 * (Beijing time on the clerks' PCs), like every other time on screen.
 */
export function formatServerTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
}
