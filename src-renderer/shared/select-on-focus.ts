import type { FocusEvent } from 'react';

/**
 * Selects a number field's whole value when it gets the focus, so typing replaces the figure instead of appending
 * to it (9617 pre-filled, 9650 typed, 96179650 saved). The selection is made after the browser has placed the
 * caret: a mouse click places it after the focus event, which would undo a selection made at once.
 */
export function selectOnFocus(event: FocusEvent<HTMLInputElement>): void {
  const input = event.currentTarget;
  input.select();
  window.requestAnimationFrame(() => {
    if (document.activeElement === input) input.select();
  });
}
