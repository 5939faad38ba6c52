/**
 * The staff web UI in Debian's Chromium against a real `skills-desk server` process: counties submit
 * and sync from their own PCs, staff log in, read the board, open the city roll-up, download it as a
 * PDF, return a report with a comment (which reaches the county on its next sync), and a city account
 * is kept to its own city.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { idChecksumChar, maskIdNumber } from '../../src-shared/domain/id-card';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import { appendAuditRows } from '../../src-main/core/audit/audit-chain';
import { saveScreenshot } from './helpers';
import { apiLogIn, logIn as logInAs } from './staff-login';
import { addStaffUser, countyPc, invoke, STAFF_TEST_PASSWORD, startStaffServer, submitAndSync, syncPc, type CountyPc, type StaffServer } from './staff-server';

const TRAINEES_PER_COUNTY = 40;

let server: StaffServer;
let daoli: CountyPc;
let nangang: CountyPc;
let longsha: CountyPc;
/** What 南岗区 submitted: its records' count of registered trainees raised by hand, with a reason. */
let nangangSubmitted: Record<string, number>;
let nangangComputed: number;

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startStaffServer();
  addStaffUser(server, 'sheng', 'province');
  addStaffUser(server, 'harbin', 'city', '230100');
  addStaffUser(server, 'suoding', 'city', '230100'); // locked out on purpose by the first test
  daoli = await countyPc(server, '230102', TRAINEES_PER_COUNTY);
  nangang = await countyPc(server, '230103', TRAINEES_PER_COUNTY);
  longsha = await countyPc(server, '230202', TRAINEES_PER_COUNTY);
  const before = await invoke<DispatchReport>(nangang, 'dispatch.get', { periodId: nangang.periodId });
  nangangComputed = before.figures.find((f) => f.key === 'registeredTrainees')!.computed;
  await invoke(nangang, 'dispatch.adjust', { periodId: nangang.periodId, figure: 'registeredTrainees', value: nangangComputed + 3, reason: '平台后台另有3人注册' });
  for (const pc of [daoli, nangang, longsha]) await submitAndSync(pc);
  const submitted = await invoke<DispatchReport>(nangang, 'dispatch.get', { periodId: nangang.periodId });
  nangangSubmitted = Object.fromEntries(submitted.figures.map((f) => [f.key, f.final]));
});

test.afterAll(async () => {
  for (const pc of [daoli, nangang, longsha]) await pc?.close();
  await server?.stop();
});

async function deviceIdOf(pc: CountyPc): Promise<string> {
  const row = (await pc.context.db('settings').where({ key: 'deviceId' }).first('value')) as { value: string };
  return JSON.parse(row.value) as string;
}

function logIn(page: Page, name: string, password = STAFF_TEST_PASSWORD): Promise<void> {
  return logInAs(page, server.url, name, password);
}

async function downloadTo(page: Page, button: string): Promise<{ file: string; name: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const done = await download;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-staff-dl-')), 'file');
  await done.saveAs(file);
  return { file, name: done.suggestedFilename() };
}

test('the login page says what is wrong in Chinese, and that the account is locked after five misses', async ({ page }) => {
  await logIn(page, 'suoding', 'wrong-password');
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  await expect(page.getByRole('alert')).toContainText('连续输错 5 次');
  for (let attempt = 2; attempt <= 5; attempt++) await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('账号已锁定 15 分钟');
  // Even the right password is refused while locked.
  await page.getByLabel('密码').fill(STAFF_TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('请 15 分钟后再试');
});

test('a city account sees the board of its own counties, with counts and the counties that never synced marked', async ({ page }) => {
  await logIn(page, 'harbin');
  await expect(page.getByTestId('header-user')).toHaveText('哈尔滨市（地市） · harbin');
  // A city account has no province-only screen and no choice of city.
  await expect(page.getByRole('menuitem', { name: '调度日历' })).toHaveCount(0);
  await expect(page.getByLabel('地市')).toHaveCount(0);

  const board = page.getByRole('table', { name: '各县报送情况' });
  await expect(board.getByRole('row').filter({ hasText: '哈尔滨市道里区' })).toContainText('逾期');
  await expect(board.getByRole('row').filter({ hasText: '哈尔滨市南岗区' })).toContainText('逾期');
  await expect(board.getByText('龙沙区')).toHaveCount(0);
  const counts = page.getByTestId('board-counts');
  await expect(counts.getByRole('button', { name: '逾期 2' })).toBeVisible();
  const silent = board.getByRole('row').filter({ hasText: '哈尔滨市香坊区' });
  await expect(silent).toContainText('从未同步');
  await expect(silent).toHaveClass(/sync-stale/);
  await expect(board.getByRole('row').filter({ hasText: '哈尔滨市道里区' })).not.toHaveClass(/sync-stale/);
  await saveScreenshot(page, 'staff-board');

  await counts.getByRole('button', { name: '逾期 2' }).click();
  await expect(board.getByRole('row')).toHaveCount(3); // header + two counties
});

test('the city roll-up: one row per county and 合计, the adjusted figure marked, preview, PDF and .xlsx', async ({ page }) => {
  await logIn(page, 'harbin');
  await page.getByRole('menuitem', { name: '汇总调度表' }).click();
  const table = page.getByRole('table', { name: '汇总调度表' });
  await expect(table.getByRole('row').filter({ hasText: '道里区' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: '合计' })).toBeVisible();
  const marked = page.getByTestId('differs-230103-registeredTrainees');
  await expect(marked).toContainText(String(nangangSubmitted.registeredTrainees));
  await expect(marked).toContainText(`记录计算 ${nangangComputed}`);
  const warning = page.getByRole('alert').filter({ hasText: '上报数与其已同步的记录计算数不一致' });
  await expect(warning).toContainText('南岗区');
  await expect(page.getByRole('table', { name: '附页：部推荐平台采用情况' })).toBeVisible();

  await page.getByRole('button', { name: '打印预览' }).click();
  const preview = page.frameLocator('iframe[title="调度表打印预览"]');
  await expect(preview.getByRole('heading', { name: '线上培训行动实施情况双周调度表' })).toBeVisible();
  await expect(preview.getByText('合计').first()).toBeVisible();
  await saveScreenshot(page, 'staff-rollup-preview');
  await page.getByRole('button', { name: '关闭预览' }).click();

  const pdf = await downloadTo(page, '下载 PDF');
  expect(pdf.name).toBe(`调度表-哈尔滨市-${daoli.cutoffDate}.pdf`);
  expect(fs.readFileSync(pdf.file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdf.file, '-'], { encoding: 'utf8' });
  for (const words of ['线上培训行动实施情况双周调度表', '哈尔滨市', '道里区', '南岗区', '香坊区', '合计']) expect(text).toContain(words);
  expect(text).toMatch(new RegExp(`南岗区\\s+${nangangSubmitted.registeredTrainees}\\s+${nangangSubmitted.trainingPersonTimes}\\s`));

  const xlsx = await downloadTo(page, '下载 Excel（.xlsx）');
  expect(xlsx.name).toBe(`调度表-哈尔滨市-${daoli.cutoffDate}.xlsx`);
  expect(fs.readFileSync(xlsx.file).subarray(0, 2).toString()).toBe('PK');
});

test('returns a report with a comment: the board shows it returned, and the county PC gets it on its next sync', async ({ page }) => {
  await logIn(page, 'harbin');
  const board = page.getByRole('table', { name: '各县报送情况' });
  await page.getByRole('button', { name: '退回哈尔滨市道里区' }).click();
  const dialog = page.getByRole('dialog', { name: '退回：哈尔滨市道里区' });
  await dialog.getByRole('button', { name: '退回' }).click();
  await expect(dialog.getByText('退回时请写明退回原因，县里据此修改')).toBeVisible();
  await dialog.getByLabel('退回原因').fill('培训人次与平台后台数据不符，请核对后重报');
  await dialog.getByRole('button', { name: '退回' }).click();
  await expect(dialog).toBeHidden();
  const row = board.getByRole('row').filter({ hasText: '哈尔滨市道里区' });
  await expect(row).toContainText('已退回');
  await expect(row).toContainText('培训人次与平台后台数据不符');
  await expect(page.getByTestId('board-counts').getByRole('button', { name: '已退回 1' })).toBeVisible();

  await page.getByRole('button', { name: '审核通过哈尔滨市南岗区' }).click();
  await page.getByRole('dialog', { name: '审核通过：哈尔滨市南岗区' }).getByRole('button', { name: '审核通过' }).click();
  await expect(board.getByRole('row').filter({ hasText: '哈尔滨市南岗区' })).toContainText('已通过');

  await syncPc(daoli);
  const report = await invoke<DispatchReport>(daoli, 'dispatch.get', { periodId: daoli.periodId });
  expect(report).toMatchObject({ reportStatus: 'returned', reviewComment: '培训人次与平台后台数据不符，请核对后重报', locked: false });
});

test("a city account is refused another city's data (403), and the province sees every city", async ({ page, request }) => {
  const token = await apiLogIn(request, server.url, 'harbin');
  const headers = { Authorization: `Bearer ${token}` };
  for (const url of [`/api/v1/staff/board?period=${longsha.cutoffDate}&city=230200`, `/api/v1/staff/rollup.pdf?period=${longsha.cutoffDate}&city=230200`]) {
    const refused = await request.get(`${server.url}${url}`, { headers });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '无权查看或处理其他地市的数据' } });
  }
  const review = await request.post(`${server.url}/api/v1/staff/reports/230202/${longsha.cutoffDate}/accept`, { headers, data: {} });
  expect(review.status()).toBe(403);

  await logIn(page, 'sheng');
  await page.getByRole('menuitem', { name: '汇总调度表' }).click();
  const table = page.getByRole('table', { name: '汇总调度表' });
  await expect(table.getByRole('row').filter({ hasText: '齐齐哈尔市' })).toContainText('1 / ');
  await expect(table.getByRole('row').filter({ hasText: '哈尔滨市' })).toContainText('1 / '); // 道里区 was returned
  await page.getByLabel('地市').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('齐齐哈尔市', { exact: true }).click();
  await expect(table.getByRole('row').filter({ hasText: '龙沙区' })).toContainText('逾期');
});

test('progress against the target, and the duplicate registrations exported', async ({ page }) => {
  await logIn(page, 'sheng');
  await page.getByRole('menuitem', { name: '培训进度' }).click();
  await expect(page.getByTestId('progress-chart')).toBeVisible();
  // Every demo trainee is live: the three counties registered 3 × 40.
  await expect(page.getByTestId('progress-registered')).toContainText(String(3 * TRAINEES_PER_COUNTY));
  await expect(page.getByRole('table', { name: '按地市' }).getByRole('row').filter({ hasText: '哈尔滨市' })).toContainText(String(2 * TRAINEES_PER_COUNTY));
  await saveScreenshot(page, 'staff-progress');

  await page.getByRole('menuitem', { name: '跨县重复登记' }).click();
  await expect(page.getByText(/共 \d+ 个身份证号在多个县登记/)).toBeVisible();
  const xlsx = await downloadTo(page, '导出 Excel（.xlsx）');
  expect(xlsx.name).toBe('跨县重复登记.xlsx');
  expect(fs.readFileSync(xlsx.file).subarray(0, 2).toString()).toBe('PK');

  // One number registered in 道里区 and 南岗区: the counties are told without each other's name until
  // the province marks the case 已核查 (issue #18), then 道里区's PC gets 南岗区's name on its next sync.
  const first17 = '230104198808080' + '77';
  const shared = first17 + idChecksumChar(first17);
  for (const pc of [daoli, nangang]) {
    await invoke(pc, 'trainees.create', { idNumber: shared, name: '跨县测试', phone: '13800138000', categories: ['unemployed'], ruralHukou: false, registeredAt: pc.cutoffDate, platformId: null });
    await syncPc(pc);
  }
  await syncPc(daoli);
  const duplicateNotices = async () => (await daoli.context.db('notices').where({ kind: 'cross_county_duplicate' }).pluck('body')) as string[];
  expect((await duplicateNotices()).filter((body) => body.includes(maskIdNumber(shared)))).toHaveLength(1);
  expect((await duplicateNotices()).some((body) => body.includes('南岗区'))).toBe(false);
  // The page's list was fetched before these syncs: load it afresh.
  await page.reload();
  await page.getByRole('menuitem', { name: '跨县重复登记' }).click();
  const sharedRow = page.getByRole('table', { name: '跨县重复登记' }).getByRole('row').filter({ hasText: maskIdNumber(shared) });
  await sharedRow.getByRole('button', { name: '标记已核查' }).click();
  await expect(sharedRow).toContainText('已核查（');
  // The number is masked on the page; 显示完整号码 asks the server for it (an audited reveal), 隐藏 masks it again.
  await expect(sharedRow).not.toContainText(shared);
  await sharedRow.getByRole('button', { name: '显示完整号码' }).click();
  // The row no longer shows the masked number: found by the full one now.
  const revealedRow = page.getByRole('table', { name: '跨县重复登记' }).getByRole('row').filter({ hasText: shared });
  await expect(revealedRow.getByTestId('duplicate-id-number')).toHaveText(shared);
  await saveScreenshot(page, 'staff-duplicate-revealed');
  await revealedRow.getByRole('button', { name: '隐藏' }).click();
  await expect(sharedRow.getByTestId('duplicate-id-number')).toHaveText(maskIdNumber(shared));
  await syncPc(daoli);
  expect((await duplicateNotices()).some((body) => body.includes(maskIdNumber(shared)) && body.includes('南岗区'))).toBe(true);

  // A session that ended on the server (idle limit, account disabled) brings the user back to the login page.
  const tokenOf = () => page.evaluate(() => (JSON.parse(sessionStorage.getItem('skills-desk-staff-session') ?? 'null') as { token: string } | null)?.token);
  await page.request.post(`${server.url}/api/v1/staff/logout`, { headers: { Authorization: `Bearer ${await tokenOf()}` }, data: {} });
  await page.getByRole('menuitem', { name: '平台目录' }).click();
  await expect(page.getByText('登录已失效（长时间未操作或账号已停用），请重新登录。')).toBeVisible();

  // Logging out ends the session on the server too: the old token opens nothing any more.
  await logIn(page, 'sheng');
  const token = await tokenOf();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  const after = await page.request.get(`${server.url}/api/v1/staff/me`, { headers: { Authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

test('the province maintains the platform directory and the calendar, and a county receives both on its next sync', async ({ page }) => {
  await logIn(page, 'sheng');
  await page.getByRole('menuitem', { name: '平台目录' }).click();
  await page.getByRole('button', { name: '新增平台' }).click();
  const dialog = page.getByRole('dialog', { name: '新增平台' });
  await dialog.getByLabel('平台名称').fill('【测试】龙江职业技能在线');
  await dialog.getByLabel('网址').fill('https://example.gov.cn/train');
  await dialog.getByRole('button', { name: '保存并下发' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: '省平台目录' }).getByRole('row').filter({ hasText: '【测试】龙江职业技能在线' })).toContainText('面向全省');

  await page.getByRole('menuitem', { name: '调度日历' }).click();
  // A period the county has not reported on: one with a report keeps its local dates (pull-apply.ts).
  const before = await invoke<Array<{ seq: number; cutoffDate: string }>>(longsha, 'periods.list', {});
  const { seq, cutoffDate } = before.filter((p) => p.cutoffDate < longsha.cutoffDate).at(-1)!;
  const newDue = new Date(Date.parse(cutoffDate) + 4 * 86_400_000).toISOString().slice(0, 10);
  const due = page.getByLabel(`第 ${seq} 期上报日期`);
  await due.click();
  await due.fill(newDue);
  await due.press('Enter');
  await page.getByRole('button', { name: '发布日历' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '发布' }).click();
  await expect(page.getByText('调度日历已发布，各县下次同步时收到')).toBeVisible();

  await syncPc(longsha);
  const platforms = await invoke<Array<{ name: string; level: string }>>(longsha, 'platforms.list', {});
  expect(platforms.find((p) => p.name === '【测试】龙江职业技能在线')).toMatchObject({ level: 'province' });
  const periods = await invoke<Array<{ cutoffDate: string; dueDate: string; source: string }>>(longsha, 'periods.list', {});
  expect(periods.find((p) => p.cutoffDate === cutoffDate)).toMatchObject({ dueDate: newDue, source: 'province' });
});

test('the province reads the 操作日志 (logins, the lockout, reviews), filters it and exports it; a city account has no such screen', async ({ page }) => {
  await logIn(page, 'sheng');
  await page.getByRole('menuitem', { name: '操作日志' }).click();
  const log = page.getByRole('table', { name: '操作日志' });
  await expect(log.getByRole('row').filter({ hasText: '绑定动态口令' }).first()).toBeVisible();
  await page.getByLabel('操作类型').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('账号锁定', { exact: true }).click();
  await expect(log.getByRole('row').filter({ hasText: 'suoding' }).first()).toContainText('LOCKED');
  await expect(log.getByRole('row').filter({ hasText: 'sheng' })).toHaveCount(0);
  // The county PCs' own rows came with their syncs (their chains, one per PC).
  // Typed: the list is long (and virtual), the county actions are below the staff ones.
  await page.getByLabel('操作类型').fill('县级新增');
  await page.locator('.ant-select-dropdown:visible').getByTitle('县级新增', { exact: true }).click();
  await page.getByLabel('来源').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('县级电脑', { exact: true }).click();
  await expect(log.getByRole('row').filter({ hasText: '县级新增' }).filter({ hasText: '南岗区' }).first()).toContainText('（县级）');
  // A row changed in 龙沙区's store file before its sync: kept, and flagged as 链条断裂 with the county and the PC.
  await longsha.context.db.transaction((trx) => appendAuditRows(trx, [{ at: new Date().toISOString(), operator_id: null, operator_name: '张三', entity: 'trainee', entity_id: 'x', action: 'view', changes: null }]));
  await longsha.context.db('audit_log').orderBy('chain_seq', 'desc').limit(1).update({ action: 'delete' });
  await syncPc(longsha);
  await page.reload();
  await page.getByLabel('操作类型').fill('链条断裂');
  await page.locator('.ant-select-dropdown:visible').getByTitle('链条断裂', { exact: true }).click();
  const broken = log.getByRole('row').filter({ hasText: '链条断裂' }).first();
  await expect(broken).toContainText('龙沙区');
  const badRow = Number((await longsha.context.db('audit_log').max({ n: 'chain_seq' }).first())!.n);
  await expect(broken).toContainText(`县级电脑 ${(await deviceIdOf(longsha)).slice(0, 8)} 的操作记录链条断裂（自第 ${badRow} 条起）`);
  const xlsx = await downloadTo(page, '导出 Excel（.xlsx）');
  expect(xlsx.name).toMatch(/^操作日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(fs.readFileSync(xlsx.file).subarray(0, 2).toString()).toBe('PK');
  await saveScreenshot(page, 'staff-audit-log');
  await page.getByRole('button', { name: '退出登录' }).click();
  await logIn(page, 'harbin');
  await expect(page.getByRole('menuitem', { name: '操作日志' })).toHaveCount(0);
});

test('warns before the idle timeout and then goes back to the login page (the browser clock moved, no waiting)', async ({ page }) => {
  await page.clock.install();
  await logIn(page, 'harbin');
  // Every answer of the server restarts the idle clock: the board's own requests must be in before the clock moves,
  // or one landing after the jump counts as activity and no warning comes (seen once in CI).
  await expect(page.getByRole('button', { name: /^全部 \d+/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.clock.fastForward('28:30');
  const warning = page.getByRole('dialog', { name: '即将自动退出登录' });
  await expect(warning).toBeVisible();
  // The click event itself: under load the modal's opening animation (its timers on the installed clock) can
  // keep the button "not stable" until the real idle timeout passes; what is tested is the answer to the click.
  await warning.getByRole('button', { name: '继续使用' }).dispatchEvent('click');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('30:30');
  await expect(page.getByText('超过 30 分钟未操作，已自动退出登录，请重新登录。')).toBeVisible();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
});
