/**
 * Staff logins in the browser tests, as a person with a phone would do them: the password, then at the
 * first login the enrolment (the secret read off the page, as typed into an authenticator app, and the
 * recovery codes kept), afterwards the code the "phone" computes for now. A code is never sent twice:
 * when the current step and the next are both used, a recovery code from the enrolment is used.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { STAFF_TEST_PASSWORD } from './staff-server';

interface Phone {
  secret: string;
  lastStep: number;
  recoveryCodes: string[];
}
const phones = new Map<string, Phone>();

const stepNow = () => Math.floor(Date.now() / 30_000);
const codeAt = (secret: string, step: number) => new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: step * 30_000 });

/** The next code this user's phone may send. */
export function nextStaffCode(name: string): string {
  const phone = phones.get(name);
  if (!phone) throw new Error(`${name} has not enrolled in this run`);
  const step = Math.max(stepNow(), phone.lastStep + 1);
  if (step <= stepNow() + 1) {
    phone.lastStep = step;
    return codeAt(phone.secret, step);
  }
  const code = phone.recoveryCodes.shift();
  if (!code) throw new Error(`${name}: no code left for this half-minute`);
  return code;
}

/** Logs in through the login page, enrolling the authenticator the first time. */
export async function logIn(page: Page, baseUrl: string, name: string, password = STAFF_TEST_PASSWORD): Promise<void> {
  await page.goto(baseUrl);
  await expect(page).toHaveURL(/\/staff\/$/);
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  if (password !== STAFF_TEST_PASSWORD) return;
  const enrol = page.getByRole('heading', { name: '绑定动态口令（首次登录）' });
  const code = page.getByRole('heading', { name: '输入动态码' });
  await expect(enrol.or(code)).toBeVisible();
  if (await enrol.isVisible()) {
    await expect(page.locator('canvas, svg').first()).toBeVisible(); // the QR code
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    const step = stepNow();
    await page.getByLabel('验证器显示的 6 位动态码').fill(codeAt(secret, step));
    await page.getByRole('button', { name: '绑定并继续' }).click();
    const list = page.getByRole('list', { name: '恢复码' });
    await expect(list.getByRole('listitem')).toHaveCount(10);
    phones.set(name, { secret, lastStep: step, recoveryCodes: await list.getByRole('listitem').allInnerTexts() });
    await page.getByText('我已妥善保存恢复码').click();
    await page.getByRole('button', { name: '继续', exact: true }).click();
  } else {
    await page.getByLabel('动态码').fill(nextStaffCode(name));
    await page.getByRole('button', { name: '验证', exact: true }).click();
  }
  await expect(page.getByTestId('header-user')).toBeVisible();
}

/** The whole login over the API (for requests a test sends itself); answers the session token. */
export async function apiLogIn(request: APIRequestContext, baseUrl: string, name: string): Promise<string> {
  const first = await request.post(`${baseUrl}/api/v1/staff/login`, { data: { name, password: STAFF_TEST_PASSWORD } });
  const pending = ((await first.json()) as { data: { stage: string; token: string } }).data;
  expect(pending.stage).toBe('second-factor');
  const second = await request.post(`${baseUrl}/api/v1/staff/login/second-factor`, { headers: { Authorization: `Bearer ${pending.token}` }, data: { code: nextStaffCode(name) } });
  expect(second.status()).toBe(200);
  return ((await second.json()) as { data: { token: string } }).data.token;
}
