/**
 * 数据同步 as a clerk uses it, against a real provincial server process: enrol this PC with the
 * one-time code, press the one button, see what was sent and when, and deal with the item the
 * server sent back (a trainee another PC of the county had already registered).
 */
import knex from 'knex';
import { PersonalDataCipher } from '../../src-server/secrets/personal-data';
import { loadServerKeyring, secretsDirFor } from '../../src-server/secrets/server-keys';
import { call, expect, saveScreenshot, test, TEST_COUNTY } from './helpers';
import { cli, countyPc, startStaffServer, syncPc, type CountyPc, type StaffServer } from './staff-server';
import { openedTrainees } from '../support/sealed-store';

const NEW_TRAINEE = { idNumber: '230102199003071237', name: '李四', phone: '13812345678' };

let server: StaffServer;
let otherPc: CountyPc;

test.beforeAll(async () => {
  server = await startStaffServer();
  // The county's other PC registered five trainees and synced before this one.
  otherPc = await countyPc(server, TEST_COUNTY, 5);
  await syncPc(otherPc);
});

test.afterAll(async () => {
  await otherPc?.close();
  await server?.stop();
});

test('enrols with a one-time code, sends everything with one button and shows what the server refused', async ({ page, host, request }) => {
  const [taken] = openedTrainees(otherPc.context.db, [(await otherPc.context.db('trainees').first<{ id_number: string }>('id_number'))!]);
  const base = { categories: [], ruralHukou: true, registeredAt: '2020-05-06', platformId: null, note: null };
  await call(request, host, 'trainees.create', { ...base, ...NEW_TRAINEE });
  await call(request, host, 'trainees.create', { ...base, idNumber: taken!.id_number, name: '重复登记', phone: '13900001111' });

  await page.goto(`${host.url}#/sync`);
  await expect(page.getByText('本机尚未登记到省服务器')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('sync-pending')).not.toHaveText('0');

  // A wrong code is refused in Chinese and nothing changes.
  await page.getByLabel('省服务器地址').fill(server.url);
  await page.getByLabel('登记码').fill('WRONG-CODE');
  await page.getByRole('button', { name: '登记本机' }).click();
  await expect(page.getByText('登记码无效、已被使用或已过期')).toBeVisible();
  await expect(page.getByText('本机尚未登记到省服务器')).toBeVisible();

  const code = cli(['server-admin', 'enrol-code', '--db', server.dbFile, '--county', TEST_COUNTY]).trim();
  await page.getByLabel('登记码').fill(code);
  await page.getByRole('button', { name: '登记本机' }).click();
  await expect(page.getByText('登记成功，现在可以同步了')).toBeVisible();
  await expect(page.getByText(server.url)).toBeVisible();

  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('sync-result')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('0');
  await expect(page.getByText('从未同步')).toHaveCount(0);
  // The status bar learnt from the run that the server answers.
  await expect(page.getByRole('status', { name: '状态栏' })).toContainText('在线');

  // The duplicate came back with the server's reason; the new trainee reached the server once.
  const refused = page.getByRole('row').filter({ hasText: '另一台电脑登记' });
  await expect(refused).toBeVisible();
  await expect(page.getByText('未被接收的修改（1）')).toBeVisible();
  expect(await serverTrainees(server, NEW_TRAINEE.idNumber)).toBe(1);
  expect(await serverTrainees(server, taken!.id_number)).toBe(1);
  await saveScreenshot(page, 'sync-page');

  // Syncing again sends nothing twice.
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('sync-result')).toBeVisible();
  expect(await serverTrainees(server, NEW_TRAINEE.idNumber)).toBe(1);

  // 放弃 drops the refused change for good (after a confirmation).
  await refused.getByRole('button', { name: '放弃' }).click();
  await page.getByRole('button', { name: '放弃', exact: true }).last().click();
  await expect(page.getByText('未被接收的修改（0）')).toBeVisible();
  await expect(page.getByText('没有未被接收的修改')).toBeVisible();
});

test('asks before replacing the enrolment with another server, naming the current one', async ({ page, host, request }) => {
  const first = cli(['server-admin', 'enrol-code', '--db', server.dbFile, '--county', TEST_COUNTY]).trim();
  await call(request, host, 'sync.enrol', { serverUrl: server.url, code: first });
  // The same server under another loopback name stands in for "another server": what matters is the question.
  const other = server.url.replace('127.0.0.1', 'localhost');
  const second = cli(['server-admin', 'enrol-code', '--db', server.dbFile, '--county', TEST_COUNTY]).trim();

  await page.goto(`${host.url}#/sync`);
  await page.getByRole('button', { name: '更换省服务器…' }).click();
  await page.getByLabel('省服务器地址').fill(other);
  await page.getByLabel('登记码').fill(second);
  await page.getByRole('button', { name: '登记本机' }).click();
  const question = page.getByRole('dialog').filter({ hasText: '替换本机的省服务器登记？' });
  await expect(question).toBeVisible();
  await expect(question).toContainText(`本机已登记到省服务器 ${server.url}`);
  await saveScreenshot(page, 'sync-replace-enrolment');

  // 取消 keeps the current enrolment; nothing was sent to the new server.
  await question.getByRole('button', { name: '取消' }).click();
  await expect(question).toBeHidden();
  expect(await call<{ serverUrl: string }>(request, host, 'sync.status', {})).toMatchObject({ serverUrl: server.url });

  // Confirming sends the same request again with the clerk's consent, and the unused code still works.
  await page.getByRole('button', { name: '登记本机' }).click();
  await question.getByRole('button', { name: '替换登记' }).click();
  await expect(page.getByText('登记成功，现在可以同步了')).toBeVisible();
  await expect(page.getByText(other, { exact: true })).toBeVisible();
});

/**
 * How many rows the server holds for an ID number in the test county, read from its own file. The number is
 * stored sealed: the rows are found by its digest under the server's key file (beside the database).
 */
async function serverTrainees(target: StaffServer, idNumber: string): Promise<number> {
  const digest = new PersonalDataCipher(loadServerKeyring(secretsDirFor(target.dbFile))).idDigest(idNumber);
  const db = knex({ client: 'sqlite3', connection: { filename: target.dbFile }, useNullAsDefault: true });
  try {
    const row = await db('trainees').where({ county_code: TEST_COUNTY, id_number_digest: digest }).whereNull('deleted_at').count<{ n: number }[]>({ n: '*' });
    return Number(row[0]!.n);
  } finally {
    await db.destroy();
  }
}
