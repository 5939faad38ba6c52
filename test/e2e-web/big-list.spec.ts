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
      await expect(page.getByTestId('trainee-total')).toHaveText(`共 ${TRAINEES.toLocaleString('en-US')} 人`, { timeout: 30_000 });
      await expect(page.getByRole('row').filter({ has: page.getByRole('checkbox') }).first()).toBeVisible();

      // Scrolling on: the next pages are fetched as the end of the loaded rows comes into view.
      const holder = page.locator('.ant-table-tbody-virtual-holder');
      const loadedHeight = () => holder.evaluate((element) => element.scrollHeight);
      const firstPageHeight = await loadedHeight();
      for (let i = 0; i < 3; i++) {
        const before = await loadedHeight();
        await holder.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
        await expect.poll(loadedHeight).toBeGreaterThan(before);
      }
      // Three more pages of 200 rows (heights are estimates until rows are drawn, hence the slack).
      expect(await loadedHeight()).toBeGreaterThan(firstPageHeight * 2);
      await expect(page.getByRole('row').filter({ has: page.getByRole('checkbox') }).last()).toBeVisible();

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
