/**
 * A clerk's whole day (issue #17, "how it is shown"), through the real UI at both county screen sizes: first-run
 * setup, 20 registrations by keyboard with the registration date typed as clerks type it, a batch course, an import,
 * an adjustment, 上报, enrolment and sync with a real provincial server, and the print preview. Each main screen is
 * photographed (UPDATE_SCREENSHOTS=1 writes docs/screenshots/day-<size>-<screen>.png, linked from the README).
 */
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { idChecksumChar } from '../../src-shared/domain/id-card';
import { expect, saveScreenshot, test, TEST_COUNTY } from './helpers';
import { chooseOption } from './choose-option';
import { expectRoomOnScreen } from './layout-checks';
import { cli, startStaffServer, type StaffServer } from './staff-server';

test.describe.configure({ timeout: 420_000 });

const SIZES = [
  { name: '1366', width: 1366, height: 768 },
  { name: '1024', width: 1024, height: 768 },
] as const;

/** Typed as clerks type dates; each is read as the ISO date beside it. */
const DATES_AS_TYPED: ReadonlyArray<readonly [string, string]> = [
  ['2020/4/5', '2020-04-05'],
  ['20200406', '2020-04-06'],
  ['2020.4.7', '2020-04-07'],
  ['2020-04-08', '2020-04-08'],
];
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许';
const GIVEN = ['明', '晓华', '建国', '丽', '海燕', '志强', '秀英', '伟'];
const CATEGORIES = ['失业', '建档立卡', '农村转移'];

/** The day's trainees: valid numbers of people born in 道里区 in 1980-1999, each with its typed date. */
function trainees(offset: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const first17 = `${TEST_COUNTY}${1980 + (n % 20)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 27) + 1).padStart(2, '0')}${String(100 + n).padStart(3, '0')}`;
    const [typed, iso] = DATES_AS_TYPED[n % DATES_AS_TYPED.length]!;
    return { idNumber: `${first17}${idChecksumChar(first17)}`, name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}`, phone: `139${String(45000000 + n).padStart(8, '0')}`, typed, iso, category: CATEGORIES[n % CATEGORIES.length]! };
  });
}

let server: StaffServer;
test.beforeAll(async () => {
  server = await startStaffServer();
});
test.afterAll(async () => {
  await server?.stop();
});

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('a day at the county: setup, 20 registrations, a batch course, an import, an adjustment, 上报, sync, print', async ({ page, freshHost }) => {
      // Each main screen: photographed, and checked for room on screen (no sideways overflow, one scroll area,
      // its primary actions in view) at this size.
      const shot = async (screen: string, actions: string[] = [], root?: string) => {
        await expectRoomOnScreen(page, { page: screen, actions, ...(root ? { root } : {}) });
        await saveScreenshot(page, `day-${size.name}-${screen}`);
      };
      await page.goto(freshHost.url);
      await setUp(page, () => shot('setup', ['开始使用']));
      await shot('entry-empty', ['保存', '保存并新增']);

      const day = trainees(size.name === '1366' ? 0 : 40, 20);
      for (const trainee of day) await registerByKeyboard(page, trainee);
      await expect(page.getByTestId('trainee-total')).toHaveText('共 20 人');
      await shot('entry-list', ['保存', '保存并新增']);
      // Each typed date was read as the date meant, whatever its format; found as a clerk finds a trainee, with the
      // entry panel folded so that the list shows its date column.
      await page.getByRole('button', { name: '收起' }).click();
      const search = page.getByRole('searchbox').or(page.getByPlaceholder(/身份证号（全号或后4-6位）/)).first();
      for (const trainee of day.slice(0, DATES_AS_TYPED.length)) {
        await search.fill(trainee.name);
        await expect(page.getByTestId('trainee-total')).toHaveText('共 1 人');
        await expect(page.getByRole('row', { name: trainee.name })).toContainText(trainee.iso);
      }
      await search.fill('');
      // Nobody was left 待补充: 人员类别 and 户籍 were chosen by keyboard for each.
      await page.getByRole('checkbox', { name: '只看待补充' }).check();
      await expect(page.getByTestId('trainee-total')).toHaveText('共 0 人');
      await page.getByRole('checkbox', { name: '只看待补充' }).uncheck();
      await expect(page.getByTestId('trainee-total')).toHaveText('共 20 人');
      await shot('list-folded');
      await page.getByRole('button', { name: '登记新学员' }).click();

      await batchCourse(page, day.slice(-3).map((t) => t.name), () => shot('batch-course', ['为 3 名学员保存'], '[role="dialog"]'));

      await importRoster(page, trainees(size.name === '1366' ? 100 : 140, 3));
      await shot('import');

      await adjustAndSubmit(page);
      await shot('dispatch', ['打印预览', '下载 PDF']);

      await enrolAndSync(page);
      await shot('sync', ['立即同步']);

      await page.getByRole('menuitem', { name: '双周调度' }).click();
      await page.getByRole('button', { name: '打开第 1 期' }).click();
      await page.getByRole('button', { name: '打印预览' }).click();
      const preview = page.frameLocator('iframe[title="调度表打印预览"]');
      await expect(preview.getByRole('heading', { name: '线上培训行动实施情况双周调度表' })).toBeVisible();
      await expect(preview.getByText('填表人：王五')).toBeVisible();
      await shot('print-preview');

      // The end of the day: 锁定, and the lock screen has its room too.
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: '锁定' }).click();
      await expect(page.getByRole('button', { name: '解锁' })).toBeVisible();
      await shot('lock', ['解锁']);
    });
  });
}

async function setUp(page: Page, photograph: () => Promise<void>): Promise<void> {
  await expect(page.getByRole('heading', { name: '欢迎使用技能培训调度填报' })).toBeVisible({ timeout: 30_000 });
  await pick(page, '所在省（区、市）', '黑龙江', '黑龙江省');
  await pick(page, '所在市（地）', '哈尔滨', '哈尔滨市');
  await pick(page, '本单位（县/区/市）', '道里', '道里区');
  await page.getByLabel('操作员姓名').fill('王五');
  await page.getByLabel('设置 PIN').fill('258036');
  await page.getByLabel('再次输入 PIN').fill('258036');
  await photograph();
  await page.getByRole('button', { name: '开始使用' }).click();
  // After setup the cursor waits in the first field (#17 item 5).
  await expect(page.getByRole('textbox', { name: '身份证号', exact: true })).toBeFocused({ timeout: 30_000 });
}

async function pick(page: Page, label: string, typed: string, title: string): Promise<void> {
  await expect(page.getByLabel(label)).toBeEnabled();
  await page.getByLabel(label).fill(typed);
  await expect(page.getByTitle(title, { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
}

async function registerByKeyboard(page: Page, t: ReturnType<typeof trainees>[number]): Promise<void> {
  const idField = page.getByRole('textbox', { name: '身份证号', exact: true });
  await expect(idField).toBeFocused();
  await page.keyboard.type(t.idNumber);
  await enterTo(page, '姓名');
  await page.keyboard.type(t.name);
  await enterTo(page, '联系电话');
  await page.keyboard.type(t.phone);
  await enterTo(page, '人员类别');
  await page.keyboard.type(t.category);
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option-active')).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await enterTo(page, '注册平台');
  await page.keyboard.press('Enter');
  const dateField = page.getByRole('textbox', { name: '注册日期' });
  await expect(dateField).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(t.typed);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('备注')).toBeFocused();
  const saved = page.waitForResponse((r) => r.url().endsWith('/rpc/trainees.create'), { timeout: 30_000 });
  await page.keyboard.press('Control+s');
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole('row', { name: t.name })).toBeVisible();
}

/** Presses Enter and expects the named field to have the focus next. */
async function enterTo(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Enter');
  await expect(page.getByLabel(label).and(page.locator('input, textarea'))).toBeFocused();
}

async function batchCourse(page: Page, names: string[], photograph: () => Promise<void>): Promise<void> {
  for (const name of names) await page.getByRole('row', { name }).getByRole('checkbox').check();
  await expect(page.getByText(`已勾选 ${names.length} 人`)).toBeVisible();
  await page.getByRole('button', { name: '为勾选的学员添加培训记录' }).click();
  const drawer = page.getByRole('dialog', { name: '批量添加培训记录' });
  await chooseOption(drawer, '培训平台', '中国职业培训', '中国职业培训在线');
  await chooseOption(drawer, '职业（工种）', '电工', '电工');
  await drawer.getByLabel('课程名称').fill('低压电工上岗培训');
  await drawer.getByLabel('学时').fill('16');
  // The course ran in the first period: typed as clerks type dates.
  await drawer.getByLabel('开始日期').fill('2020/4/8');
  await photograph();
  await page.keyboard.press('Control+s');
  await expect(page.getByText(`已为 ${names.length} 名学员添加培训记录`)).toBeVisible();
  await expect(drawer).toBeHidden();
}

async function importRoster(page: Page, rows: ReturnType<typeof trainees>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('学员');
  sheet.addRow(['道里区线上技能培训学员名单']);
  sheet.addRow(['姓名', '身份证号码', '手机号', '人员类别', '户籍', '注册日期']);
  for (const t of rows) sheet.addRow([t.name, t.idNumber, t.phone, '失业人员', '城镇', t.typed]);
  await page.getByRole('menuitem', { name: '数据导入导出' }).click();
  const uploaded = page.waitForResponse((response) => response.url().includes('/upload?') && response.ok());
  await page.locator('input[type=file]').setInputFiles({ name: '学员名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) });
  await uploaded;
  await expect(page.getByTestId('import-count-new')).toContainText(String(rows.length), { timeout: 30_000 });
  await page.getByRole('button', { name: new RegExp(`导入.*${rows.length}`) }).click();
  await expect(page.getByText(`导入完成：已导入 ${rows.length} 名学员。`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('检查结果（已导入）')).toBeVisible();
}

async function adjustAndSubmit(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '双周调度' }).click();
  await page.getByRole('button', { name: '打开第 1 期' }).click();
  await page.getByRole('button', { name: '调整线上培训总人次数' }).click();
  const modal = page.getByRole('dialog', { name: '调整：线上培训总人次数' });
  await expect(modal.getByLabel('调整后的数字')).toBeFocused();
  await page.keyboard.type('1250');
  await modal.getByLabel('调整原因').fill('平台报送的培训总人次，含未逐人录入的');
  await modal.getByRole('button', { name: '保存调整' }).click();
  // Far from the 3 records counted: the dialog asks to confirm the figure (#17 item 3), then saves.
  const jump = page.getByRole('dialog').filter({ hasText: '这个数字变化很大，请确认' }).last();
  await expect(jump).toBeVisible();
  // A click while the confirmation still zooms in can miss it (seen at 1024): click until it has closed.
  await expect(async () => {
    if (await jump.isVisible()) await jump.getByRole('button', { name: '确认无误，保存' }).click({ timeout: 2_000 });
    await expect(jump).toBeHidden({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(modal).toBeHidden();
  await expect(page.getByRole('table', { name: '调度数字' }).getByRole('row').filter({ hasText: '线上培训总人次数' })).toContainText('1,250');
  await page.getByRole('button', { name: '上报', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: '确认上报' });
  await confirm.getByRole('button', { name: '确认上报' }).click();
  await expect(page.getByText('已上报，待同步')).toBeVisible();
}

async function enrolAndSync(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '数据同步' }).click();
  await expect(page.getByText('本机尚未登记到省服务器')).toBeVisible();
  // Typed as a clerk reads it off the notice: no http:// (#17 item 5 adds it).
  await page.getByLabel('省服务器地址').fill(server.url.replace(/^http:\/\//, ''));
  await page.getByLabel('登记码').fill(cli(['server-admin', 'enrol-code', '--db', server.dbFile, '--county', TEST_COUNTY]).trim());
  await page.getByRole('button', { name: '登记本机' }).click();
  await expect(page.getByText('登记成功，现在可以同步了')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('sync-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('0');
}
