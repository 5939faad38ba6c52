/**
 * Hostile text stays text (issue #19 item 6). Markup, script, a javascript: link and a spreadsheet formula are typed
 * into every free-text field a county clerk or a reviewer can fill — platform name, trainee note, course name,
 * learning record, test result, operator name, adjustment reason, 强制上报说明, correction request, return and refusal
 * comments — and travel from the county PC through sync to the staff pages, the printed tables and the .xlsx. On
 * every page, in Chromium, the test fails on any script that ran (the payloads bump `window.__xss`), any element the
 * payload injected (each carries `data-xss`), any alert, and any Content-Security-Policy violation (a blocked
 * injection is still an injection). Each page must also show the hostile text literally, so that a page which never
 * displayed the field cannot pass by default. Fields that allow no symbols (a trainee's name, a platform's address)
 * must refuse the payload with a Chinese message and store nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import { callProcedure } from '../support/call-procedure';
import { openAppContextOn, TEST_PIN, traineeInput, unlockAsLastOperator, validIdNumber } from '../support/temp-app';
import { withHostOn } from './helpers';
import { logIn as logInAs } from './staff-login';
import { addStaffUser, countyPc, invoke, startStaffServer, syncPc, type CountyPc, type StaffServer } from './staff-server';

/** Each attack, if it ever ran or became markup, bumps window.__xss or leaves an element with data-xss. */
const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1" data-xss>';
const SCRIPT = '<script data-xss>window.__xss=(window.__xss||0)+1</script>';
const SVG = '"><svg data-xss onload="window.__xss=(window.__xss||0)+1">';
const LINK = '<a data-xss href="javascript:window.__xss=1">点此</a>';
const FORMULA = '=HYPERLINK("http://evil.example/","点我")';
const TEMPLATE = '{{constructor.constructor("window.__xss=1")()}}';

/** The hostile value of each field, prefixed with a word that names it (so a failure says which field). */
const HOSTILE = {
  platform: `平台甲${SVG}`,
  note: `备注乙${IMG}${TEMPLATE}`,
  course: `课程丙${SCRIPT}`,
  learningRecord: `记录丁${LINK}`,
  testResult: FORMULA,
  // 20 characters, the most an operator's name may have: a formula and markup at once.
  operator: '=1+<b data-xss>王</b>',
  adjustReason: `调整己${IMG}`,
  forceReason: `说明庚${SVG}`,
  correctionWhat: `更正辛${SCRIPT}`,
  correctionWhy: `原因壬${LINK}`,
  refusal: `不批准癸${IMG}`,
  directory: `目录子${SCRIPT}`,
} as const;

let server: StaffServer;
let daoli: CountyPc;
let traineeId: string;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startStaffServer();
  addStaffUser(server, 'harbin', 'city', '230100');
  daoli = await countyPc(server, '230102', 6);
  // The hostile-named clerk logs in (setting their PIN) and makes the changes below, so every page names them.
  const hostileClerk = await invoke<{ id: string }>(daoli, 'operators.create', { name: HOSTILE.operator });
  await invoke(daoli, 'session.setPin', { operatorId: hostileClerk.id, pin: TEST_PIN });
  const platform = await invoke<{ id: string }>(daoli, 'platforms.create', { name: HOSTILE.platform, url: null, level: 'city' });
  await invoke(daoli, 'platforms.adopt', { platformId: platform.id, adopted: true });
  const list = await invoke<{ items: Array<{ id: string }> }>(daoli, 'trainees.list', {});
  traineeId = list.items[0]!.id;
  await invoke(daoli, 'trainees.update', { id: traineeId, patch: { note: HOSTILE.note } });
  await invoke(daoli, 'enrolments.create', {
    traineeId,
    platformId: platform.id,
    occupationId: null,
    courseName: HOSTILE.course,
    startDate: daoli.cutoffDate,
    endDate: null,
    hours: 4,
    signedIn: true,
    learningRecord: HOSTILE.learningRecord,
    testResult: HOSTILE.testResult,
  });
  const before = await invoke<DispatchReport>(daoli, 'dispatch.get', { periodId: daoli.periodId });
  // More registered than trained fails a check, so the submission needs (and stores) a 强制上报说明.
  const training = before.figures.find((f) => f.key === 'trainingPersonTimes')!.final;
  await invoke(daoli, 'dispatch.adjust', { periodId: daoli.periodId, figure: 'registeredTrainees', value: training + 5, reason: HOSTILE.adjustReason });
  await invoke(daoli, 'dispatch.submit', { periodId: daoli.periodId, forceReason: HOSTILE.forceReason });
  await syncPc(daoli);
});

test.afterAll(async () => {
  await daoli?.close();
  await server?.stop();
});

interface Tripwire {
  dialogs: string[];
}

/** Arms a page before it loads anything: counts CSP violations and dialogs; the payloads count their own runs. */
async function arm(page: Page): Promise<Tripwire> {
  const wire: Tripwire = { dialogs: [] };
  page.on('dialog', (dialog) => {
    wire.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __xss: number; __csp: string[] };
    w.__xss = 0;
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return wire;
}

/** Nothing ran, nothing was injected, nothing was blocked, and the hostile texts are on the page as text. */
async function expectOnlyText(page: Page, wire: Tripwire, where: string, shown: readonly string[]): Promise<void> {
  for (const text of shown) await expect(page.getByText(text, { exact: false }).first(), `${where}: shows ${text.slice(0, 12)}… as text`).toBeVisible();
  const found = await page.evaluate(() => {
    const w = window as unknown as { __xss?: number; __csp?: string[] };
    return { ran: w.__xss ?? 0, injected: document.querySelectorAll('[data-xss]').length, blocked: w.__csp ?? [] };
  });
  expect({ ...found, dialogs: wire.dialogs }, where).toEqual({ ran: 0, injected: 0, blocked: [], dialogs: [] });
}

test('fields that allow no symbols refuse markup and store nothing', async () => {
  const before = await daoli.context.db('trainees').count<{ n: number }[]>({ n: '*' });
  const name = await daoli.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 777), name: '<b>李</b>' }));
  expect(name).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(JSON.stringify(name)).toMatch(/姓名/);
  expect(await daoli.context.db('trainees').count<{ n: number }[]>({ n: '*' })).toEqual(before);
  const url = await daoli.context.invoke('platforms.create', { name: '乙平台', url: 'javascript:window.__xss=1', level: 'city' });
  expect(url).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(await daoli.context.db('platforms').where({ name: '乙平台' }).count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 0 }]);
});

test('the staff pages show the county texts as text, and a reviewer’s hostile comment travels back as text', async ({ page }) => {
  const wire = await arm(page);
  await logInAs(page, server.url, 'harbin');
  await page.getByRole('button', { name: '查看哈尔滨市道里区详情' }).click();
  const drawer = page.getByRole('dialog', { name: /哈尔滨市道里区 调度表/ });
  await expect(drawer).toBeVisible();
  await expectOnlyText(page, wire, 'report detail', [HOSTILE.adjustReason, HOSTILE.forceReason, HOSTILE.operator]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '审核通过哈尔滨市道里区', exact: true }).click();
  const accept = page.getByRole('dialog', { name: '审核通过：哈尔滨市道里区' });
  await accept.getByRole('button', { name: '审核通过' }).click();
  await expect(accept).toBeHidden();

  // The county asks for a correction with hostile words; the city reads it and refuses with hostile words.
  await syncPc(daoli);
  await invoke(daoli, 'dispatch.requestCorrection', { periodId: daoli.periodId, what: HOSTILE.correctionWhat, why: HOSTILE.correctionWhy });
  await syncPc(daoli);
  await page.reload();
  await expectOnlyText(page, wire, 'board with the correction request', [HOSTILE.correctionWhat, HOSTILE.correctionWhy]);
  await page.getByRole('button', { name: '不批准哈尔滨市道里区的更正申请', exact: true }).click();
  const refuse = page.getByRole('dialog', { name: '不批准更正申请：哈尔滨市道里区' });
  await refuse.getByLabel('不批准理由').fill(HOSTILE.refusal);
  await refuse.getByRole('button', { name: '不批准', exact: true }).click();
  await expect(refuse).toBeHidden();
  await syncPc(daoli);
  const report = await invoke<DispatchReport>(daoli, 'dispatch.get', { periodId: daoli.periodId });
  expect(report.corrections[0]).toMatchObject({ state: 'refused', what: HOSTILE.correctionWhat, comment: HOSTILE.refusal });

  // The city adds a platform with a hostile name to the directory: it goes down to the county by sync.
  await page.goto(`${server.url}/staff/#/directory`);
  await page.getByRole('button', { name: '新增平台' }).click();
  const adding = page.getByRole('dialog', { name: '新增平台' });
  await adding.getByLabel('平台名称').fill(HOSTILE.directory);
  await adding.getByRole('button', { name: '保存并下发' }).click();
  await expect(adding).toBeHidden();
  await expectOnlyText(page, wire, 'platform directory', [HOSTILE.directory]);
  await syncPc(daoli);
  await page.goto(`${server.url}/staff/#/rollup`);
  await expectOnlyText(page, wire, 'roll-up', []);
  await page.goto(`${server.url}/staff/#/duplicates`);
  await expectOnlyText(page, wire, 'duplicates', []);
});

test('the county’s own pages and its printed table show every hostile text as text', async ({ page }) => {
  await daoli.close();
  const context = await openAppContextOn(path.join(server.dir, 'pc-230102'));
  await unlockAsLastOperator(context);
  const seqOf = (await callProcedure<DispatchReport>(context, 'dispatch.get', { periodId: daoli.periodId })).period.seq;
  await context.close();
  await withHostOn(path.join(server.dir, 'pc-230102'), async (host) => {
    const wire = await arm(page);
    const at = (route: string) => page.goto(`${host.url}#/${route}`);
    await at('trainees');
    // The lock screen names the clerk who logged in last, preselected.
    await expectOnlyText(page, wire, 'lock screen', [HOSTILE.operator]);
    await page.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
    await page.getByRole('button', { name: '解锁' }).click();
    await expectOnlyText(page, wire, 'trainee list', [HOSTILE.operator]);
    await at('enrolments');
    await expectOnlyText(page, wire, 'training records', [HOSTILE.course, HOSTILE.platform]);
    await at('platforms');
    await expectOnlyText(page, wire, 'platform directory', [HOSTILE.platform, HOSTILE.directory]);
    await at('periods');
    await expectOnlyText(page, wire, 'dispatch list', []);
    await page.getByRole('button', { name: `打开第 ${seqOf} 期`, exact: true }).click();
    await expectOnlyText(page, wire, 'dispatch report', [HOSTILE.adjustReason, HOSTILE.correctionWhat, HOSTILE.refusal]);
    await at('settings');
    await expectOnlyText(page, wire, 'settings', [HOSTILE.operator]);
    await at('sync');
    await expectOnlyText(page, wire, 'sync', []);

    // The print preview document itself, loaded with scripts allowed (the printer runs it without): still only text.
    const token = new URL(host.url).searchParams.get('token')!;
    const rendered = await page.request.post(`${new URL(host.url).origin}/rpc/table.render`, { data: { periodId: daoli.periodId }, headers: { Authorization: `Bearer ${token}` } });
    const html = ((await rendered.json()) as { data: { html: string } }).data.html;
    expect(html).not.toContain('<b data-xss>');
    const printed = await page.context().newPage();
    const printWire = await arm(printed);
    await printed.setContent(html);
    await expectOnlyText(printed, printWire, 'printed county table', [HOSTILE.operator]);
    await printed.close();
  }, { logIn: false });
});

test('the county’s PDF prints the texts and its .xlsx keeps them as text, never as formulas', async () => {
  const context = await openAppContextOn(path.join(server.dir, 'pc-230102'));
  await unlockAsLastOperator(context);
  try {
    const file = async (format: 'pdf' | 'xlsx') => Buffer.from((await callProcedure<{ base64: string }>(context, 'table.export', { target: { periodId: daoli.periodId }, format })).base64, 'base64');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-hostile-'));
    const pdfFile = path.join(dir, 'table.pdf');
    fs.writeFileSync(pdfFile, await file('pdf'));
    const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(pdfText.replace(/\s+/g, '')).toContain(HOSTILE.operator.replace(/\s+/g, ''));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await file('xlsx')) as unknown as ArrayBuffer);
    const texts: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula ?? null, `${sheet.name}!${cell.address} is not a formula`).toBeNull();
          texts.push(String(cell.text));
        }),
      ),
    );
    expect(texts.join('\n')).toContain(HOSTILE.operator);
  } finally {
    await context.close();
  }
});
