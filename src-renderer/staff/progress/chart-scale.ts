/** A round step for the y axis: 1, 2, 2.5 or 5 times a power of ten, giving about five ticks. */
export function tickStep(max: number): number {
  const raw = Math.max(1, max / 5);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * power;
}
