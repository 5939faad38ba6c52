import { chromium } from 'playwright-core';
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.addInitScript(`window.__name = (fn) => fn;
    const f = window.fetch; window.__log = [];
    window.fetch = async (...a) => { const t0 = performance.now(); const r = await f(...a); window.__log.push([String(a[0]).replace('/rpc/',''), Math.round(t0), Math.round(performance.now())]); return r; };`);
  await page.goto('http://127.0.0.1:5191/?token=devtok#/settings');
  for (let i = 0; i < 4; i++) {
    await page.evaluate(() => { window.location.hash = '/settings'; }); await page.reload();
    await page.getByText('本机信息').waitFor({ timeout: 60000 });
    const r = await page.evaluate(() => new Promise<unknown>((resolve) => {
      const w = window as unknown as { __log: unknown[] };
      w.__log = [];
      const started = performance.now();
      const marks: Array<[string, number]> = [];
      const observer = new MutationObserver(() => {
        if (!marks.find((m) => m[0] === 'table') && document.querySelector('.ant-table')) marks.push(['table', Math.round(performance.now() - started)]);
        if (!document.querySelector('.ant-table-tbody-virtual [data-row-key]:not([data-row-key^="loading-"])')) return;
        observer.disconnect();
        marks.push(['rows', Math.round(performance.now() - started)]);
        requestAnimationFrame(() => resolve({ marks, paint: Math.round(performance.now() - started), fetches: w.__log.map((l) => { const x = l as [string, number, number]; return [x[0], Math.round(x[1] - started), Math.round(x[2] - started)]; }) }));
      });
      observer.observe(document.body, { childList: true, subtree: true });
      window.location.hash = '/trainees';
    }));
    console.log(JSON.stringify(r));
  }
  await browser.close();
})();
