/**
 * Columns that fit the width a list has, instead of a sideways scroll bar (docs/ui-guidelines.md): each column
 * has a width and a priority; the most important ones that fit are kept in their own order, the rest fold away
 * (what they show is in the record's drawer), and the room left over goes to the columns that may grow.
 */
export interface FittedColumn<C> {
  column: C;
  width: number;
  /** 0 is always shown; a higher number folds away first. */
  priority: number;
  /** Takes a share of the width left over (long names, platform names). */
  grow?: boolean;
}

export function fitColumns<C extends object>(candidates: ReadonlyArray<FittedColumn<C>>, available: number): Array<C & { width: number }> {
  const byPriority = [...candidates].sort((a, b) => a.priority - b.priority);
  const kept = new Set<FittedColumn<C>>();
  let used = 0;
  for (const candidate of byPriority) {
    // Priority 0 stays even when nothing else fits: a list always shows who is on the row.
    if (candidate.priority > 0 && used + candidate.width > available) continue;
    kept.add(candidate);
    used += candidate.width;
  }
  const growing = candidates.filter((c) => kept.has(c) && c.grow);
  const spare = Math.max(0, available - used);
  const share = growing.length > 0 ? Math.floor(spare / growing.length) : 0;
  return candidates
    .filter((c) => kept.has(c))
    .map((c) => ({ ...c.column, width: c.width + (c.grow ? share : 0) }));
}
