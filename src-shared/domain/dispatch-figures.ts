/**
 * The five figures of the biweekly dispatch table (线上培训行动实施情况双周调度表), in the column order of the seed's
 * attachment. The rules a report must meet before it goes up are in check-rules.ts and run-rules.ts.
 *
 * The two person-time figures are cumulative as of the cutoff (截止日期). The three platform figures are counts of
 * the directory as it stands at the cutoff: a platform can leave the directory, so they are not cumulative and are
 * not held to "never below the previous period".
 */

export const FIGURE_KEYS = [
  'registeredTrainees',
  'trainingPersonTimes',
  'provincePlatforms',
  'cityPlatforms',
  'nationalPlatforms',
] as const;

export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

/** Column labels exactly as printed on the attachment. */
export const FIGURE_LABELS: Readonly<Record<FigureKey, string>> = {
  registeredTrainees: '实名注册学员人次数',
  trainingPersonTimes: '线上培训总人次数',
  provincePlatforms: '面向全省',
  cityPlatforms: '面向地市',
  nationalPlatforms: '部推荐54家线上平台机构※',
};

/** Plain names for messages, without the ※ of the printed column. */
export const FIGURE_NAMES: Readonly<Record<FigureKey, string>> = {
  registeredTrainees: '实名注册学员人次数',
  trainingPersonTimes: '线上培训总人次数',
  provincePlatforms: '面向全省的平台数量',
  cityPlatforms: '面向地市的平台数量',
  nationalPlatforms: '部推荐54家线上平台机构采用数量',
};

export const CUMULATIVE_FIGURES: readonly FigureKey[] = ['registeredTrainees', 'trainingPersonTimes'];

export function zeroFigures(): Figures {
  return { registeredTrainees: 0, trainingPersonTimes: 0, provincePlatforms: 0, cityPlatforms: 0, nationalPlatforms: 0 };
}

export function sumFigures(list: readonly Figures[]): Figures {
  const total = zeroFigures();
  for (const figures of list) for (const key of FIGURE_KEYS) total[key] += figures[key];
  return total;
}

/** One hand adjustment; `value: null` withdraws an earlier adjustment of the same figure. */
export interface Adjustment {
  figure: FigureKey;
  value: number | null;
  reason: string;
  operatorId: string | null;
  operatorName: string | null;
  at: string;
}

/**
 * The adjustment in force for each figure: the latest entry of the history, unless it withdrew the adjustment.
 * The history itself is kept whole for the audit trail.
 */
export function currentAdjustments(history: readonly Adjustment[]): Partial<Record<FigureKey, Adjustment>> {
  const current: Partial<Record<FigureKey, Adjustment>> = {};
  for (const entry of history) {
    if (entry.value === null) delete current[entry.figure];
    else current[entry.figure] = entry;
  }
  return current;
}

/** What the table shows: the adjusted value where a clerk adjusted it, otherwise the computed one. */
export function finalFigures(computed: Figures, history: readonly Adjustment[]): Figures {
  const adjusted = currentAdjustments(history);
  const result = { ...computed };
  for (const key of FIGURE_KEYS) {
    const value = adjusted[key]?.value;
    if (value !== undefined && value !== null) result[key] = value;
  }
  return result;
}

export interface PreviousReport {
  seq: number;
  cutoffDate: string;
  figures: Figures;
}
