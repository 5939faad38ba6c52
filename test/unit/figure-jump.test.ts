import { describe, expect, it } from 'vitest';
import { figureJumpWarning } from '../../src-shared/domain/figure-jump';

const afterPeriod2 = { previous: { seq: 2, value: 9617, change: 420 }, computed: 9700 };

describe('figureJumpWarning', () => {
  it('lets a value within three times the previous change (plus 20) through', () => {
    expect(figureJumpWarning(9650, afterPeriod2)).toBeNull();
    expect(figureJumpWarning(9617 + 3 * 420 + 20, afterPeriod2)).toBeNull();
    expect(figureJumpWarning(9617, afterPeriod2)).toBeNull();
  });
  it('warns on digits typed after the pre-filled figure, with separators', () => {
    expect(figureJumpWarning(96179650, afterPeriod2)).toBe(
      '调整后为 96,179,650，比第2期已上报的 9,617 增加 96,170,033；而上一期只变化了 420。请确认没有多输或少输数字。',
    );
    expect(figureJumpWarning(9617 + 3 * 420 + 21, afterPeriod2)).not.toBeNull();
  });
  it('warns on a large drop too', () => {
    expect(figureJumpWarning(961, afterPeriod2)).toContain('减少 8,656');
  });
  it('keeps a margin for small figures that had no change', () => {
    const platforms = { previous: { seq: 1, value: 5, change: 0 }, computed: 5 };
    expect(figureJumpWarning(25, platforms)).toBeNull();
    expect(figureJumpWarning(26, platforms)).not.toBeNull();
  });
  it('measures the first period loosely against the computed figure', () => {
    const first = { previous: null, computed: 300 };
    expect(figureJumpWarning(300 + 3100, first)).toBeNull();
    expect(figureJumpWarning(300 + 3101, first)).not.toBeNull();
    expect(figureJumpWarning(40, { previous: null, computed: 2 })).toBeNull();
    expect(figureJumpWarning(96179650, first)).toBe('调整后为 96,179,650，而按本机记录计算为 300，相差很大。请确认没有多输或少输数字。');
  });
});
