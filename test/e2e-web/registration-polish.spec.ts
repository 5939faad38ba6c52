import { expect, test } from './helpers';

// A fresh host per test on a busy two-core machine: allow more than the default minute.
test.describe.configure({ timeout: 120_000 });

/** A valid number whose check character is X (1990-03-07, 道里区). */
const WITH_X = '23010219900307100X';

test('pasted ID numbers and phones are cleaned up; an Excel number is refused with what to do', async ({ page, host }) => {
  await page.goto(host.url);
  const idField = page.getByRole('textbox', { name: '身份证号', exact: true });

  // Full-width digits, spaces and a lower-case x, as pasted from a chat message.
  await idField.fill('２３０１０２ １９９００３０７ 100x');
  await expect(idField).toHaveValue(WITH_X);
  await expect(page.getByTestId('id-number-info')).toContainText('1990-03-07');

  // What Excel shows for an 18-digit number in a general cell: the digits are gone for good.
  await idField.fill('2.30102E+17');
  await expect(page.getByText('后几位数字已经丢失')).toBeVisible();
  await expect(page.getByText('设置为“文本”格式')).toBeVisible();

  await idField.fill('2301021990030710');
  await expect(page.getByText('身份证号码应为18位')).toBeHidden();
  await idField.press('Tab');
  await expect(page.getByText('身份证号码应为18位，现在是16位')).toBeVisible();

  const phone = page.getByLabel('联系电话');
  await phone.fill('１３８ １２３４ ５６７８');
  await expect(phone).toHaveValue('13812345678');
});

test('保存并新增 keeps platform and categories for the next trainee of a run', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('textbox', { name: '身份证号', exact: true }).fill(WITH_X);
  await page.getByRole('textbox', { name: '姓名' }).fill('钱七');
  await page.getByLabel('联系电话').fill('13812345678');
  await page.getByLabel('人员类别').focus();
  await page.keyboard.type('失业');
  await expect(page.getByTitle('失业人员', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByRole('radio', { name: '城镇' }).check();
  await page.getByLabel('注册平台').focus();
  await page.keyboard.type('中国职业培训在线');
  await expect(page.getByTitle('中国职业培训在线', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');

  const saved = page.waitForResponse((r) => r.url().endsWith('/rpc/trainees.create'));
  await page.getByRole('button', { name: '保存并新增' }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole('textbox', { name: '身份证号', exact: true })).toBeFocused();
  await expect(page.getByRole('textbox', { name: '身份证号', exact: true })).toHaveValue('');
  await expect(page.getByRole('textbox', { name: '姓名' })).toHaveValue('');
  const entry = page.locator('form#trainee-entry');
  await expect(entry.getByTitle('失业人员')).toBeVisible();
  await expect(entry.getByTitle('中国职业培训在线')).toBeVisible();
  await expect(page.getByRole('radio', { name: '城镇' })).toBeChecked();
});
