import type { ReactNode } from 'react';

/**
 * antd draws the required asterisk with CSS `::before`, which screen readers and Playwright read as
 * part of the label ("* 身份证号"). Drawing it as an aria-hidden span keeps the accessible name the
 * plain Chinese label while sighted clerks still see the mark.
 */
export function renderRequiredMark(label: ReactNode, { required }: { required: boolean }): ReactNode {
  return (
    <>
      {required && (
        <span aria-hidden="true" style={{ color: '#ff4d4f', marginInlineEnd: 4, fontFamily: 'SimSun, sans-serif' }}>
          *
        </span>
      )}
      {label}
    </>
  );
}
