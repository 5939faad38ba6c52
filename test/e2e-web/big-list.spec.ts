import fs from 'node:fs';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { createDemoData } from '../support/web-host-process';
import { call, expect, saveScreenshot, tempDataDir, test, withHostOn } from './helpers';

const TRAINEES = 100_000;

interface ListPage {
  total: number;
  items: Array<{ id: string; name: string }>;
}

test('100,000 demo trainees: the list opens, scrolls far down, and finds one by the last 6 ID characters', async ({ page }) => {
  // Generating the demo data alone takes 40-90 s on two cores.
  test.setTimeout(8 * 60_000);
  const dataDir = tempDataDir();
  try {
    createDemoData(dataDir, TRAINEES);
    await withHostOn(dataDir, async (host) => {
      // A trainee from deep inside the list, far from the first page the list shows.
      const deep = await call<ListPage>(page.request, host, 'trainees.list', { page: 250, pageSize: 200 });
      const target = deep.items[123]!;
      const { value: idNumber } = await call<{ value: string }>(page.request, host, 'trainees.reveal', { id: target.id, field: 'idNumber' });

      await page.goto(host.url);
      await expect(page.getByTestId('trainee-total')).toHaveText(`共 ${TRAINEES} 人`, { timeout: 30_000 });
      await expect(page.getByRole('row').filter({ has: page.getByRole('checkbox') }).first()).toBeVisible();

      // Far down the list: the rows there are fetched as they come into view.
      const holder = page.locator('.ant-table-tbody-virtual-holder');
      await holder.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
      await expect(page.getByText('加载中…')).toHaveCount(0);
      await expect(page.getByRole('row').filter({ has: page.getByRole('checkbox', { disabled: false }) }).first()).toBeVisible();

      await page.getByLabel('搜索学员').fill(idNumber.slice(-6));
      const row = page.getByRole('row', { name: target.name });
      await expect(row).toBeVisible();
      await expect(row).toContainText(maskIdNumber(idNumber));
      await saveScreenshot(page, 'trainee-list-100k');
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
