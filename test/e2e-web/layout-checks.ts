/**
 * Room on screen (issue #17 item 1): checks any spec can run on a page as it stands, at the window size the test set.
 * See docs/ui-guidelines.md for the rules they enforce.
 *
 * - Horizontal overflow: the document, and any element that scrolls or clips sideways (a table's hidden columns
 *   behind a scroll bar), is wider inside than it is on screen, or a virtual table shows its own horizontal bar.
 *   Nothing is meant to scroll sideways.
 * - Vertical scroll areas: elements that scroll up and down now (overflow-y auto or scroll, or a virtual list's
 *   holder, with more content than room), the document itself included. A page has at most one: the content area,
 *   or the list body that takes the whole window. Popups (dropdowns, pickers, tooltips) are not part of the page.
 * - Primary actions: each named button is rendered, visible, and inside the window without scrolling.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Floating layers that are not the page: a dropdown's own list may scroll. */
const POPUP_SELECTOR = '.ant-select-dropdown, .ant-picker-dropdown, .ant-dropdown, .ant-popover, .ant-tooltip, .ant-cascader-dropdown, .ant-message, .ant-notification';

export interface ScrollArea {
  /** A short description of the element, for the failure message. */
  what: string;
  scrollSize: number;
  clientSize: number;
}

/** Every element (and the document) that overflows sideways, with how far. */
export function horizontalOverflows(page: Page, root = 'body'): Promise<ScrollArea[]> {
  return page.evaluate(([popups, rootSelector]) => {
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${Array.from(el.classList).slice(0, 3).join('.')}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}`;
    const found: Array<{ what: string; scrollSize: number; clientSize: number }> = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) found.push({ what: 'document', scrollSize: doc.scrollWidth, clientSize: doc.clientWidth });
    if (document.body.scrollWidth > document.body.clientWidth + 1) found.push({ what: 'body', scrollSize: document.body.scrollWidth, clientSize: document.body.clientWidth });
    for (const el of Array.from(document.querySelector(rootSelector)?.querySelectorAll<HTMLElement>('*') ?? [])) {
      if (el.closest(popups)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.clientWidth === 0) continue;
      // Elements that can scroll sideways, and the page's own frames (which hide what they clip).
      // A virtual list scrolls sideways with a bar of its own drawing, whatever its overflow says.
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll' || el.matches('.ant-table-tbody-virtual-holder');
      const frame = el.matches('.ant-layout, .ant-layout-content, main, #root');
      if (!scrolls && !frame) continue;
      if (el.scrollWidth > el.clientWidth + 1) found.push({ what: describe(el), scrollSize: el.scrollWidth, clientSize: el.clientWidth });
    }
    // A virtual table moves its rows sideways with a transform and draws its own horizontal bar: the bar is the sign.
    for (const bar of Array.from(document.querySelector(rootSelector)?.querySelectorAll<HTMLElement>('.ant-table-tbody-virtual-scrollbar-horizontal, .ant-table-sticky-scroll') ?? [])) {
      const box = bar.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && getComputedStyle(bar).visibility !== 'hidden') found.push({ what: describe(bar), scrollSize: 0, clientSize: Math.round(box.width) });
    }
    return found;
  }, [POPUP_SELECTOR, root] as const);
}

/** Every element (and the document) that scrolls vertically right now. */
export function verticalScrollAreas(page: Page, root = 'body'): Promise<ScrollArea[]> {
  return page.evaluate(([popups, rootSelector]) => {
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).slice(0, 3).join('.')}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}`;
    const found: Array<{ what: string; scrollSize: number; clientSize: number }> = [];
    const doc = document.documentElement;
    if (doc.scrollHeight > doc.clientHeight + 1) found.push({ what: 'document', scrollSize: doc.scrollHeight, clientSize: doc.clientHeight });
    for (const el of Array.from(document.querySelector(rootSelector)?.querySelectorAll<HTMLElement>('*') ?? [])) {
      if (el.closest(popups)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.clientHeight === 0) continue;
      // rc-virtual-list hides the native bar and draws its own, so its holder counts whatever its overflow says.
      const virtual = el.matches('.rc-virtual-list-holder, .ant-table-tbody-virtual-holder');
      const scrolls = style.overflowY === 'auto' || style.overflowY === 'scroll' || virtual;
      if (!scrolls) continue;
      if (el.scrollHeight > el.clientHeight + 1) found.push({ what: describe(el), scrollSize: el.scrollHeight, clientSize: el.clientHeight });
    }
    return found;
  }, [POPUP_SELECTOR, root] as const);
}

/** Is the element shown and wholly inside the window (no scrolling needed to reach it)? */
export async function inViewport(page: Page, target: Locator): Promise<{ ok: boolean; why: string }> {
  const size = page.viewportSize();
  if (!size) return { ok: false, why: 'no viewport' };
  if ((await target.count()) === 0) return { ok: false, why: 'not rendered' };
  if (!(await target.isVisible())) return { ok: false, why: 'hidden' };
  const box = await target.boundingBox();
  if (!box) return { ok: false, why: 'no box' };
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5;
  return { ok: inside, why: inside ? '' : `at x ${Math.round(box.x)}..${Math.round(box.x + box.width)}, y ${Math.round(box.y)}..${Math.round(box.y + box.height)} of ${size.width}×${size.height}` };
}

export interface LayoutExpectations {
  /** What the page is, for messages. */
  page: string;
  /** Accessible names (or locators) of the actions that must be on screen: 保存, 上报, 退回 … */
  actions?: Array<string | Locator>;
  /** Only this part of the page, e.g. an open drawer ('[role="dialog"]'), which is then the page. */
  root?: string;
}

/**
 * All three checks on the page as it stands; collects every problem into one soft failure each, so a run lists
 * everything wrong with a page rather than the first.
 */
export async function expectRoomOnScreen(page: Page, expectations: LayoutExpectations): Promise<void> {
  const label = `${expectations.page} at ${page.viewportSize()?.width}×${page.viewportSize()?.height}`;
  expect.soft(await horizontalOverflows(page, expectations.root), `${label}: nothing overflows sideways`).toEqual([]);
  const areas = await verticalScrollAreas(page, expectations.root);
  expect.soft(areas.length, `${label}: at most one vertical scroll area, found ${JSON.stringify(areas)}`).toBeLessThanOrEqual(1);
  for (const action of expectations.actions ?? []) {
    // A button's accessible name starts with its icon's name ("reload 刷新"): match the words at its end.
    const scope = expectations.root ? page.locator(expectations.root) : page;
    const target = typeof action === 'string' ? scope.getByRole('button', { name: new RegExp(`(^|\\s)${action}$`) }).first() : action.first();
    const where = await inViewport(page, target);
    expect.soft(where.ok, `${label}: ${typeof action === 'string' ? action : String(action)} is on screen (${where.why})`).toBe(true);
  }
}

/**
 * A long name is readable: shown whole, or cut with its full text in a title (a tooltip on hover). `cell` is the
 * element that shows it.
 */
export async function expectReadable(cell: Locator, fullText: string, what: string): Promise<void> {
  const state = await cell.evaluate((el, text) => {
    const clipped = el.scrollWidth > el.clientWidth + 1;
    const titled = [el, ...Array.from(el.querySelectorAll('[title]'))].some((node) => (node.getAttribute('title') ?? '').includes(text));
    return { clipped, titled };
  }, fullText);
  expect.soft(!state.clipped || state.titled, `${what}: "${fullText}" is shown whole or has a title with it`).toBe(true);
}
