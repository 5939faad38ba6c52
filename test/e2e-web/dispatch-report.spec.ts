import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, rpc, test } from './helpers';

const LI_SI = {
  idNumber: '230102199001011230',
  name: '李四',
  phone: '13800138000',
  categories: ['rural_migrant'],
  ruralHukou: true,
  registeredAt: '2020-04-02',
  platformId: null,
  note: null,
};

test('opens period 1, adjusts a figure with a reason, submits, previews and downloads the PDF', async ({ page, host }) => {
  const trainee = (await rpc(page.request, host, 'trainees.create', LI_SI)) as { data: { id: string } };
  const platforms = (await rpc(page.request, host, 'platforms.list', {})) as { data: Array<{ id: string; name: string }> };
  const platformId = platforms.data.find((p) => p.name === '中国职业培训在线')!.id;
  await rpc(page.request, host, 'platforms.adopt', { platformId, adopted: true, inLocalDirectory: true });
  for (const startDate of ['2020-04-03', '2020-04-08']) {
    await rpc(page.request, host, 'enrolments.create', { traineeId: trainee.data.id, platformId, courseName: '养老护理', startDate, endDate: null, hours: 8, signedIn: true });
  }

  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '双周调度' }).click();
  await page.getByRole('button', { name: '打开第 1 期' }).click();

  const figures = page.getByRole('table', { name: '调度数字' });
  await expect(figures.getByRole('row').filter({ hasText: '线上培训总人次数' })).toContainText('2');
  await page.getByRole('button', { name: '调整线上培训总人次数' }).click();
  const modal = page.getByRole('dialog', { name: '调整：线上培训总人次数' });
  // The pre-filled figure is selected on focus: typing replaces it, never appends to it (#17 item 3).
  await expect(modal.getByLabel('调整后的数字')).toBeFocused();
  await page.keyboard.type('40');
  await expect(modal.getByLabel('调整后的数字')).toHaveValue('40');
  await modal.getByLabel('调整原因').fill('平台报送的培训总人次，含未逐人录入的');
  await modal.getByRole('button', { name: '保存调整' }).click();
  await expect(modal).toBeHidden();
  const adjustedRow = figures.getByRole('row').filter({ hasText: '线上培训总人次数' });
  await expect(adjustedRow).toContainText('平台报送的培训总人次，含未逐人录入的');
  await expect(adjustedRow).toContainText('40');

  await expect(page.getByText('上报前检查全部通过')).toBeVisible();
  // 上报 first shows what goes up: each figure computed and adjusted, with the adjustment's reason (issue #15 item 5).
  await page.getByRole('button', { name: '上报', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: '确认上报' });
  const confirmRow = confirm.getByRole('table', { name: '上报数字确认' }).getByRole('row').filter({ hasText: '线上培训总人次数' });
  await expect(confirmRow).toContainText('调整为 40：平台报送的培训总人次，含未逐人录入的');
  await expect(confirm.getByText('其中 1 项按调整后的数字上报')).toBeVisible();
  const submitted = page.waitForResponse((r) => r.url().endsWith('/rpc/dispatch.submit'));
  await confirm.getByRole('button', { name: '确认上报' }).click();
  expect((await submitted).status()).toBe(200);
  await expect(page.getByText('已上报', { exact: true })).toBeVisible();
  // Not on a server yet: this PC is not enrolled, so the report waits in the outbox.
  await expect(page.getByText('已上报，待同步')).toBeVisible();
  await expect(page.getByRole('button', { name: '调整线上培训总人次数' })).toHaveCount(0);

  await page.getByRole('button', { name: '打印预览' }).click();
  const preview = page.frameLocator('iframe[title="调度表打印预览"]');
  await expect(preview.getByRole('heading', { name: '线上培训行动实施情况双周调度表' })).toBeVisible();
  await expect(preview.getByText('截止日期：2020年4月10日')).toBeVisible();
  await page.getByRole('dialog', { name: '打印预览（A4 横向）' }).getByRole('button', { name: '关闭预览' }).click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载 PDF' }).click();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-e2e-pdf-')), 'table.pdf');
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe('线上培训行动实施情况双周调度表_哈尔滨市道里区_2020-04-10.pdf');
  await pdf.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('线上培训行动实施情况双周调度表');
  expect(text).toMatch(/^\s*1\s+40\s+0\s+0\s+1\s*$/m);
  expect(text).toContain('中国职业培训在线');
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

test('submits a report that fails a 提示 rule only with a written 上报说明', async ({ page, host }) => {
  await rpc(page.request, host, 'trainees.create', LI_SI);
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '双周调度' }).click();
  await page.getByRole('button', { name: '打开第 1 期' }).click();

  await expect(page.getByText('有 1 项提示规则未通过')).toBeVisible();
  await expect(page.getByText(/实名注册学员人次数（1）超过了线上培训总人次数（0）/)).toBeVisible();
  await page.getByRole('button', { name: '填写说明后上报…' }).click();
  const dialog = page.getByRole('dialog', { name: '带说明上报' });
  await expect(dialog.getByText('有 1 项提示规则未通过，将随说明上报')).toBeVisible();
  await expect(dialog.getByText('R003-registered-at-most-training')).toBeVisible();
  await dialog.getByRole('button', { name: '确认上报' }).click();
  await expect(dialog.getByText('请写明数字属实的原因（至少 4 个字）')).toBeVisible();
  await dialog.getByLabel('上报说明').fill('学员在平台学习，培训明细下期补录');
  await dialog.getByRole('button', { name: '确认上报' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('上报说明：学员在平台学习', { exact: false }).first()).toContainText('学员在平台学习，培训明细下期补录');
  await expect(page.getByText('已上报', { exact: true })).toBeVisible();
});
