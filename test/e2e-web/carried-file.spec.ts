/**
 * No line at all (issue #16 item 2), through both UIs: the clerk exports the unsent changes on 数据同步 (a signed,
 * encrypted .sdcarry file), the province uploads it on the staff web UI (导入U盘文件) and downloads the signed
 * receipt, and the clerk imports the receipt on the PC, which then says the changes are confirmed. The PC is
 * enrolled with a real server process and syncs once first (that is how it gets the province's encryption key).
 */
import fs from 'node:fs';
import { call, expect, rpc, test, TEST_COUNTY } from './helpers';
import { logIn } from './staff-login';
import { addStaffUser, cli, startStaffServer, type StaffServer } from './staff-server';

const ZHAO_LIU = { idNumber: '230102199001011230', name: '赵六', phone: '13800138000', categories: [], ruralHukou: true, registeredAt: '2020-04-02', platformId: null, note: null };

let server: StaffServer;

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  server = await startStaffServer();
  addStaffUser(server, 'sheng', 'province');
});

test.afterAll(async () => {
  await server?.stop();
});

test('a USB file goes from the PC to the staff UI, and its receipt back to the PC', async ({ page, host, browser }) => {
  const enrolCode = cli(['server-admin', 'enrol-code', '--db', server.dbFile, '--county', TEST_COUNTY]).trim();
  await call(page.request, host, 'sync.enrol', { serverUrl: server.url, code: enrolCode });
  await call(page.request, host, 'sync.run', {});
  // The line is gone from here on: the change below reaches the province only on the USB stick.
  await rpc(page.request, host, 'trainees.create', ZHAO_LIU);

  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '数据同步' }).click({ timeout: 30_000 });
  await expect(page.getByTestId('carried-only-here')).not.toHaveText('0');
  // The file opens in a new window that closes as soon as its download starts: the bytes are fetched again from the
  // address that window asked for (the host keeps the file until it expires).
  const asked = page.context().waitForEvent('request', (request) => request.url().includes('/download/'));
  await page.getByRole('button', { name: '没有网络：导出未上报数据' }).click();
  const fetched = await page.request.get((await asked).url());
  expect(fetched.ok()).toBe(true);
  const carriedBytes = await fetched.body();
  await expect(page.getByTestId('carried-in-files')).not.toHaveText('0');
  await expect(page.getByTestId('carried-only-here')).toHaveText('0');
  expect(carriedBytes.includes(Buffer.from(ZHAO_LIU.idNumber))).toBe(false);

  const staffPage = await (await browser.newContext()).newPage();
  await logIn(staffPage, server.url, 'sheng');
  await staffPage.getByRole('menuitem', { name: '导入U盘文件' }).click();
  await staffPage.locator('input[type=file]').setInputFiles({ name: '未上报数据.sdcarry', mimeType: 'application/octet-stream', buffer: carriedBytes });
  await expect(staffPage.getByTestId('carried-result')).toBeVisible({ timeout: 30_000 });
  await expect(staffPage.getByText('哈尔滨市道里区的文件')).toBeVisible();
  const receiptDownload = staffPage.waitForEvent('download');
  await staffPage.getByRole('button', { name: '下载回执（交给县里）' }).click();
  const receipt = await (await receiptDownload).path();

  await page.locator('input[type=file][accept=".sdreceipt"]').setInputFiles({ name: '回执.sdreceipt', mimeType: 'application/json', buffer: fs.readFileSync(receipt) });
  await expect(page.getByTestId('receipt-result')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('carried-in-files')).toHaveText('0');
  await expect(page.getByTestId('carried-confirmed')).not.toHaveText('0');
});
