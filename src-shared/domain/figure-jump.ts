/**
 * A hand adjustment far outside the figure's recent pace is probably mistyped (9617 pre-filled, 9650 typed after it:
 * 96179650). The adjust dialog asks the clerk to confirm such a value; it never refuses it, because a platform's
 * reported total can be a real jump.
 *
 * The rule: this period's change (the new value minus the previous submitted period's figure) is compared with the
 * previous period's own change (that figure minus the one before it; from zero for the first period reported). It
 * is a jump when the change exceeds JUMP_FACTOR times the previous change plus JUMP_MARGIN, or when it falls below
 * zero by more than that (a cumulative figure that drops). With no earlier period there is no pace to go by: the
 * value is compared with the figure computed from this PC's records, more loosely (FIRST_PERIOD), since the first
 * adjustment is usually a platform's total that has no records here at all.
 */
import { formatCount } from '../format/numbers';
import { FIGURE_KEYS, type FigureKey, type Figures } from './dispatch-figures';

export const JUMP_FACTOR = 3;
/** Small figures (platform counts, a quiet county) move by a few without it meaning anything. */
export const JUMP_MARGIN = 20;
/** The first period reported: a jump beyond 10 times the computed figure plus 100. */
export const FIRST_PERIOD = { factor: 10, margin: 100 } as const;

export interface FigureTrend {
  /** The previous submitted period's figure and its own change, or null when none was submitted. */
  previous: { seq: number; value: number; change: number } | null;
  /** This period's figure as computed from the records. */
  computed: number;
}

/** A Chinese sentence for the confirm dialog, or null when the value is within the pace. */
export function figureJumpWarning(value: number, trend: FigureTrend): string | null {
  if (!trend.previous) {
    if (Math.abs(value - trend.computed) <= FIRST_PERIOD.factor * trend.computed + FIRST_PERIOD.margin) return null;
    return `调整后为 ${formatCount(value)}，而按本机记录计算为 ${formatCount(trend.computed)}，相差很大。请确认没有多输或少输数字。`;
  }
  const base = trend.previous.value;
  const change = value - base;
  if (Math.abs(change) <= JUMP_FACTOR * Math.abs(trend.previous.change) + JUMP_MARGIN) return null;
  const signed = `${change > 0 ? '增加' : '减少'} ${formatCount(Math.abs(change))}`;
  return (
    `调整后为 ${formatCount(value)}，比第${trend.previous.seq}期已上报的 ${formatCount(base)} ${signed}；` +
    `而上一期只变化了 ${formatCount(trend.previous.change)}。请确认没有多输或少输数字。`
  );
}

/**
 * Each figure's previous submitted value and that period's own change, from the last two submitted periods (newest
 * first); the change of the first period ever reported is measured from zero.
 */
export function previousTrends(submitted: ReadonlyArray<{ seq: number; figures: Figures }>): Record<FigureKey, FigureTrend['previous']> {
  const [last, beforeLast] = submitted;
  const trends = {} as Record<FigureKey, FigureTrend['previous']>;
  for (const key of FIGURE_KEYS) {
    trends[key] = last ? { seq: last.seq, value: last.figures[key], change: last.figures[key] - (beforeLast?.figures[key] ?? 0) } : null;
  }
  return trends;
}
