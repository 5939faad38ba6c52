/**
 * `--closed-periods skip|include|SEQ=skip|include,...`: what the import does with rows dated in periods already
 * reported (the dry run's groups, one per period). `skip` and `include` apply to every group; `2=include,3=skip`
 * chooses per period (by its number, 第 2 期). include is refused where the period's lock does not allow it.
 */
import { CLOSED_PERIOD_ACTIONS, type ClosedPeriodAction, type ImportDryRun } from '../../src-shared/schemas/import';
import { CliError } from '../../src-node/cli-kit';

export type ClosedPeriodsFlag = { all: ClosedPeriodAction } | { bySeq: Map<number, ClosedPeriodAction> };

function action(text: string, flag: string): ClosedPeriodAction {
  const found = CLOSED_PERIOD_ACTIONS.find((a) => a === text.trim());
  if (!found) throw new CliError(`import: --closed-periods ${flag}: say skip or include (or SEQ=skip|include,...). See: skills-desk import --help`);
  return found;
}

export function parseClosedPeriodsFlag(flag: string | undefined): ClosedPeriodsFlag | null {
  if (flag === undefined) return null;
  if (!flag.includes('=')) return { all: action(flag, flag) };
  const bySeq = new Map<number, ClosedPeriodAction>();
  for (const part of flag.split(',')) {
    const [seq, value] = part.split('=');
    if (!/^\s*\d{1,3}\s*$/.test(seq ?? '') || value === undefined) throw new CliError(`import: --closed-periods ${flag}: write SEQ=skip|include, for example 2=include,3=skip`);
    bySeq.set(Number(seq), action(value, flag));
  }
  return { bySeq };
}

/** The choices by period id for import.commit; periods named but not in the file are an error (a typo). */
export function closedPeriodChoices(flag: ClosedPeriodsFlag | null, summary: ImportDryRun): Record<string, ClosedPeriodAction> {
  const choices: Record<string, ClosedPeriodAction> = {};
  if (flag === null) return choices;
  if ('all' in flag) {
    for (const group of summary.closedPeriods) choices[group.periodId] = flag.all;
    return choices;
  }
  for (const [seq, chosen] of flag.bySeq) {
    const group = summary.closedPeriods.find((g) => g.seq === seq);
    if (!group) throw new CliError(`import: --closed-periods: no rows of this file fall in reported period ${seq}`);
    choices[group.periodId] = chosen;
  }
  return choices;
}

/** One line per group with its effect on the figures and the choice made, for stderr. */
export function closedPeriodLines(summary: ImportDryRun, choices: Readonly<Record<string, ClosedPeriodAction>>): string[] {
  return summary.closedPeriods.map((group) => {
    const changes = group.changes.map((c) => `period ${c.seq} ${c.figure} ${c.before} -> ${c.after}`).join(', ');
    const chosen = choices[group.periodId];
    const state = chosen ? `-> ${chosen}` : `undecided (--closed-periods skip${group.allowed.includes('include') ? ' or include' : ''})`;
    return `${group.title} (${changes}): ${state}. ${group.note}`;
  });
}

/** Why the import cannot go on because of reported periods, or null. */
export function closedPeriodRefusal(summary: ImportDryRun, choices: Readonly<Record<string, ClosedPeriodAction>>): string | null {
  const undecided = summary.closedPeriods.filter((g) => choices[g.periodId] === undefined);
  const forced = summary.closedPeriods.filter((g) => choices[g.periodId] === 'include' && !g.allowed.includes('include'));
  if (forced.length > 0) {
    return `reported period ${forced.map((g) => g.seq).join(', ')} is accepted and locked: its rows cannot be included. Use --closed-periods skip (or ${forced.map((g) => `${g.seq}=skip`).join(',')}), or ask for a correction first`;
  }
  if (undecided.length > 0) {
    const rows = undecided.reduce((n, g) => n + g.rows, 0);
    return `${rows} rows are dated in reported period ${undecided.map((g) => g.seq).join(', ')} (listed above): choose with --closed-periods skip|include|SEQ=skip|include`;
  }
  return null;
}
