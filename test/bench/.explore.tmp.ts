import { chromium } from 'playwright-core';
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
  await page.goto('http://127.0.0.1:5191/?token=devtok#/trainees');
  await page.waitForTimeout(5000); await page.screenshot({ path: '/tmp/shots/first.png' }); await page.getByText('共 100000 人').waitFor({ timeout: 20000 });
  await page.screenshot({ path: '/tmp/shots/list.png', fullPage: true });
  const holder = page.locator('.ant-table-tbody-virtual-holder');
  await holder.evaluate((el) => { el.scrollTo({ top: el.scrollHeight / 2 }); });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/shots/scrolled.png', fullPage: true });
  console.log(await page.locator('.ant-table-row').count(), await page.getByText('加载中…').count());
  await browser.close();
})();
