/**
 * Room on screen (issue #17 item 1): every page of the county app and of the staff web UI, at a county PC's
 * 1366×768 and an older 1024×768, with realistic data (hundreds of trainees, long minority names): nothing
 * overflows sideways, one vertical scroll area per page, and each page's primary actions are on screen.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { createDemoData } from '../support/web-host-process';
import { traineeInput, validIdNumber } from '../support/temp-app';
import { expect, rpc, saveScreenshot, tempDataDir, test, withHostOn } from './helpers';
import { expectReadable, expectRoomOnScreen } from './layout-checks';
import { logIn } from './staff-login';
import { addStaffUser, countyPc, startStaffServer, submitAndSync, type CountyPc, type StaffServer } from './staff-server';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

/** A Uyghur name as written on an ID card, and a 20-character one: the widest a clerk meets. */
const LONG_NAMES = ['阿卜杜热合曼·买买提依明', '阿不都热西提·阿不都克热木·买买提'.padEnd(20, '江')];

/** The county app's screens and the actions each must keep on screen. */
const COUNTY_PAGES: Array<{ hash: string; name: string; actions: string[] }> = [
  { hash: '#/trainees', name: '学员登记', actions: ['保存', '保存并新增', '清空', '收起'] },
  { hash: '#/enrolments', name: '培训记录', actions: ['新增培训记录'] },
  { hash: '#/import', name: '数据导入导出', actions: ['下载学员名单导入模板', '下载培训记录导入模板'] },
  { hash: '#/platforms', name: '平台目录', actions: ['新增本地平台'] },
  { hash: '#/periods', name: '双周调度', actions: [] },
  { hash: '#/sync', name: '数据同步', actions: ['登记本机'] },
  { hash: '#/settings', name: '设置', actions: ['添加'] },
];

async function settle(page: Page): Promise<void> {
  // Lists fill and tables measure their columns after the first paint.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

test('county app: every page fits 1366×768 and 1024×768 with 300 trainees and long names', async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = tempDataDir();
  try {
    createDemoData(dataDir, 300);
    await withHostOn(dataDir, async (host) => {
      for (const [index, name] of LONG_NAMES.entries()) {
        await rpc(page.request, host, 'trainees.create', traineeInput({ idNumber: validIdNumber('19880101', 900 + index), name, note: null }));
      }
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.goto(host.url);
        for (const screen of COUNTY_PAGES) {
          await page.evaluate((hash) => (window.location.hash = hash), screen.hash);
          await expect(page.getByRole('menuitem', { name: screen.name })).toHaveClass(/selected/);
          await settle(page);
          await expectRoomOnScreen(page, { page: screen.name, actions: screen.actions });
          await saveScreenshot(page, `layout-${size.width}-county-${screen.hash.slice(2)}`);
          if (screen.hash === '#/trainees') await traineeListChecks(page);
          if (screen.hash === '#/periods') await periodReportChecks(page);
        }
      }
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** With the entry form open the list shows more than a couple of rows, 补贴 and 注册平台 at 1366, and long names readably. */
async function traineeListChecks(page: Page): Promise<void> {
  const size = page.viewportSize()!;
  const rows = page.getByRole('row').filter({ has: page.getByRole('checkbox') });
  await expect(rows.first()).toBeVisible();
  const visibleRows = await rows.evaluateAll((all) => {
    const height = window.innerHeight;
    return all.filter((row) => {
      const box = row.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= height;
    }).length;
  });
  expect.soft(visibleRows, `学员登记 at ${size.width}: rows on screen with the form open`).toBeGreaterThan(2);
  if (size.width >= 1366) {
    for (const title of ['补贴', '注册平台']) {
      const header = page.getByRole('columnheader', { name: title });
      await expect.soft(header, `${title} column at ${size.width}`).toBeInViewport({ ratio: 1 });
    }
  }
  await page.getByLabel('搜索学员').fill('阿');
  await settle(page);
  for (const name of LONG_NAMES) {
    const row = page.getByRole('row', { name });
    await expect(row).toBeVisible();
    await expectReadable(row.locator('.ant-table-cell').nth(1), name, `学员登记 at ${size.width}`);
  }
  // The drawer that corrects one trainee: its actions on screen, one scroll area inside it.
  await page.getByRole('row', { name: LONG_NAMES[0] }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('button', { name: '添加培训记录' })).toBeVisible();
  await settle(page);
  await expectRoomOnScreen(page, { page: '学员登记 · 修改学员', root: '[role="dialog"]', actions: ['保存', '添加培训记录'] });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.getByLabel('搜索学员').fill('');
}

/** A period's report: 上报 (or 填写说明后上报…) and printing on screen without scrolling. */
async function periodReportChecks(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^打开第 \d+ 期$/ }).last().click();
  await expect(page.getByRole('button', { name: '返回期次列表' })).toBeVisible();
  await settle(page);
  await expectRoomOnScreen(page, {
    page: '双周调度 · 调度表',
    actions: [page.getByRole('button', { name: /^(上报|填写说明后上报…)$/ }), '打印预览', '下载 PDF', '返回期次列表'],
  });
  await saveScreenshot(page, `layout-${page.viewportSize()!.width}-county-period-report`);
  await page.getByRole('button', { name: '返回期次列表' }).click();
}

let server: StaffServer;
const pcs: CountyPc[] = [];

test.describe('staff web UI', () => {
  test.describe.configure({ timeout: 240_000 });

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    server = await startStaffServer();
    addStaffUser(server, 'sheng', 'province');
    addStaffUser(server, 'harbin', 'city', '230100');
    for (const county of ['230102', '230103', '230202']) pcs.push(await countyPc(server, county, 40));
    for (const pc of pcs) await submitAndSync(pc);
  });

  test.afterAll(async () => {
    for (const pc of pcs) await pc.close();
    await server?.stop();
  });

  /** The staff screens and their actions; the board's 审核意见 column and 退回 are checked on their own. */
  const STAFF_PAGES: Array<{ hash: string; name: string; actions: string[]; provinceOnly?: boolean }> = [
    { hash: '#/board', name: '报送情况', actions: ['刷新'] },
    { hash: '#/rollup', name: '汇总调度表', actions: [] },
    { hash: '#/progress', name: '培训进度', actions: [] },
    { hash: '#/duplicates', name: '跨县重复登记', actions: [] },
    { hash: '#/directory', name: '平台目录', actions: [] },
    { hash: '#/carried', name: '导入U盘文件', actions: [] },
    { hash: '#/codes', name: '录入短码', actions: [] },
    { hash: '#/calendar', name: '调度日历', actions: [], provinceOnly: true },
    { hash: '#/audit', name: '操作日志', actions: [], provinceOnly: true },
  ];

  // One test for both accounts: a failure in one still lets the other's checks run (they are soft).
  test('the login page and every screen fit both sizes for the province and a city; the board keeps 审核意见 and 退回 in view', async ({ browser }) => {
    for (const account of ['sheng', 'harbin'] as const) {
      const context = await browser.newContext({ viewport: SIZES[1], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await page.goto(server.url);
      await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
      await expectRoomOnScreen(page, { page: '登录', actions: ['登录'] });
      await logIn(page, server.url, account);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const screen of STAFF_PAGES.filter((s) => account === 'sheng' || !s.provinceOnly)) {
          await page.evaluate((hash) => (window.location.hash = hash), screen.hash);
          await expect(page.getByRole('menuitem', { name: screen.name })).toHaveClass(/selected/);
          await settle(page);
          await expectRoomOnScreen(page, { page: `${account} ${screen.name}`, actions: screen.actions });
          await saveScreenshot(page, `layout-${size.width}-${account}-${screen.hash.slice(2)}`);
          if (screen.hash === '#/board' && account === 'harbin') await boardChecks(page);
        }
      }
      await context.close();
    }
  });
});

/** The city's board: its counties' submitted reports can be returned, and the review comment column is on screen. */
async function boardChecks(page: Page): Promise<void> {
  const width = page.viewportSize()!.width;
  await expect.soft(page.getByRole('columnheader', { name: '审核意见' }), `审核意见 at ${width}`).toBeInViewport({ ratio: 1 });
  const returnButton = page.getByRole('button', { name: /^退回/ }).first();
  await expect(returnButton).toBeAttached();
  // The rows are in the page's one scroll area: brought into view, the buttons must not be off the right edge.
  await returnButton.scrollIntoViewIfNeeded();
  await expect.soft(returnButton, `退回 at ${width}`).toBeInViewport({ ratio: 1 });
  await expect.soft(page.getByRole('button', { name: /^审核通过/ }).first(), `通过 at ${width}`).toBeInViewport({ ratio: 1 });
}
