import { useCallback, useRef, type KeyboardEvent, type RefObject } from 'react';
import { focusNextField } from './focus-order';

/**
 * Keyboard behaviour of the data-entry forms, for clerks who type all day:
 * - Enter moves to the next field instead of submitting half a form; on the last field it lands on
 *   the first button (保存), where Enter then saves. Enter still picks an option in an open list,
 *   confirms a typed date and commits text being composed by a Chinese input method.
 * - Ctrl+S (or Cmd+S) saves from anywhere inside the form.
 * Spread the returned props on an element that wraps the form and its buttons.
 */
export function useFormKeyboard(onSave: () => void): {
  ref: RefObject<HTMLDivElement | null>;
  onKeyDownCapture: (event: KeyboardEvent<HTMLElement>) => void;
} {
  const ref = useRef<HTMLDivElement | null>(null);
  const onKeyDownCapture = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.nativeEvent.isComposing) return;
      // React passes events up through portals: a drawer or dialog opened from inside this form
      // (another form) is not ours to handle.
      const container = ref.current;
      if (!container || !(event.target instanceof Node) || !container.contains(event.target)) return;
      if (isSaveShortcut(event)) {
        event.preventDefault();
        event.stopPropagation();
        onSave();
        return;
      }
      if (!isPlainEnter(event) || !(event.target instanceof HTMLElement)) return;
      handleEnter(event, container, event.target);
    },
    [onSave],
  );
  return { ref, onKeyDownCapture };
}

function handleEnter(event: KeyboardEvent<HTMLElement>, container: HTMLElement, target: HTMLElement): void {
  if (target instanceof HTMLTextAreaElement) return;
  if (target instanceof HTMLButtonElement && target.getAttribute('role') !== 'switch') return;
  if (target.getAttribute('aria-expanded') === 'true') return;
  if (target.closest('.ant-picker')) {
    // The date picker must see Enter first to take over a typed date; move on once it has.
    window.setTimeout(() => focusNextField(container, target), 0);
    return;
  }
  event.preventDefault();
  event.stopPropagation();
  focusNextField(container, target);
}

function isSaveShortcut(event: KeyboardEvent<HTMLElement>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's';
}

function isPlainEnter(event: KeyboardEvent<HTMLElement>): boolean {
  return event.key === 'Enter' && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey;
}
