import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Picks an option of a searchable select within `scope` by typing, as a clerk does, and waits for its list to close
 * (a click into a list that is still fading out lands on the previous one). Matched on the input: the label of a
 * required field also holds its (hidden) asterisk.
 */
export async function chooseOption(scope: Page | Locator, label: string, typed: string, option: string): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  await scope.getByLabel(label).and(page.locator('input')).focus();
  await page.keyboard.type(typed);
  const list = page.locator('.ant-select-dropdown:visible');
  await expect(list.getByTitle(option, { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(list).toHaveCount(0);
}
