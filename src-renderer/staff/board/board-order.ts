/** Board lines with the latest first (most days past the due date), then in the units list's order. */
export function byLateness<T extends { daysLate: number }>(rows: readonly T[]): T[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => b.row.daysLate - a.row.daysLate || a.index - b.index)
    .map(({ row }) => row);
}
