/**
 * The order in which Enter walks through a form: the same stops as Tab, except that a radio group
 * is one stop (as browsers treat it), disabled or hidden controls are skipped, and so are buttons
 * inside a field (the clear buttons of selects and date pickers, links in hints): Enter goes from
 * field to field, then to the form's own buttons.
 */
const CANDIDATES = 'input, textarea, button, [role="switch"], [role="combobox"]';

export function focusNextField(container: HTMLElement, from: HTMLElement): void {
  const stops = focusStops(container);
  const index = stops.findIndex((stop) => stop === from || (isRadio(from) && isRadio(stop) && stop.name === from.name));
  const next = stops[index + 1];
  if (index >= 0 && next) next.focus();
}

function focusStops(container: HTMLElement): HTMLElement[] {
  const stops: HTMLElement[] = [];
  const radioGroups = new Set<string>();
  for (const element of container.querySelectorAll<HTMLElement>(CANDIDATES)) {
    if (!isFocusable(element)) continue;
    if (isRadio(element)) {
      if (radioGroups.has(element.name)) continue;
      radioGroups.add(element.name);
      stops.push(checkedRadioOf(container, element) ?? element);
      continue;
    }
    if (!stops.includes(element)) stops.push(element);
  }
  return stops;
}

function isFocusable(element: HTMLElement): boolean {
  if (element.tabIndex < 0) return false;
  if (element instanceof HTMLButtonElement && element.getAttribute('role') !== 'switch' && element.closest('.ant-form-item')) {
    return false;
  }
  if ((element instanceof HTMLInputElement || element instanceof HTMLButtonElement) && element.disabled) return false;
  if (element instanceof HTMLInputElement && element.type === 'hidden') return false;
  return element.getClientRects().length > 0;
}

function isRadio(element: HTMLElement): element is HTMLInputElement {
  return element instanceof HTMLInputElement && element.type === 'radio';
}

function checkedRadioOf(container: HTMLElement, radio: HTMLInputElement): HTMLInputElement | null {
  const group = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter((r) => r.name === radio.name);
  return group.find((r) => r.checked) ?? null;
}
