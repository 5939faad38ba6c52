/**
 * Issue #17 item 7: 审核人 and 联系电话 on the printed table come from 设置 (they were always blank); 填表人 is the
 * current operator until the report is submitted. A phone that is not one, or a reviewer's name with markup, is
 * refused with a Chinese message on its field and nothing is changed; an emptied field prints blank again.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTempApp, type TempApp } from '../support/temp-app';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

async function tableHtml(): Promise<string> {
  const result = await app.context.invoke('table.render', { cutoffDate: '2020-04-10' });
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { html: string }).html;
}

it('prints the reviewer and phone set in 设置, and the operator as 填表人', async () => {
  expect(await tableHtml()).toContain('<span>审核人：</span>');
  const saved = await app.context.invoke('settings.set', { tableReviewer: ' 王  主任 ', contactPhone: '0451-82345678转 123' });
  expect(saved).toMatchObject({ ok: true, data: { tableReviewer: '王 主任' } });
  const settings = await app.context.invoke('settings.get', {});
  const operator = (settings as { ok: true; data: { operator: { name: string } } }).data.operator.name;
  const html = await tableHtml();
  expect(html).toContain('<span>审核人：王 主任</span>');
  expect(html).toContain('<span>联系电话：0451-82345678转 123</span>');
  expect(html).toContain(`<span>填表人：${operator}</span>`);

  expect(await app.context.invoke('settings.set', { tableReviewer: '', contactPhone: '' })).toMatchObject({ ok: true, data: { tableReviewer: null, contactPhone: null } });
  expect(await tableHtml()).toContain('<span>审核人：</span>');
});

it('refuses a phone that is not one and a name with markup, changing nothing', async () => {
  await app.context.invoke('settings.set', { tableReviewer: '王五', contactPhone: '13800138000' });
  for (const input of [{ contactPhone: '请打办公室' }, { contactPhone: '0451-8234567x' }, { tableReviewer: '<img src=x onerror=alert(1)>' }]) {
    const refused = await app.context.invoke('settings.set', input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const field = Object.keys(input)[0]!;
    expect(JSON.stringify(refused)).toContain(field);
  }
  expect(await app.context.invoke('settings.get', {})).toMatchObject({ ok: true, data: { tableReviewer: '王五', contactPhone: '13800138000' } });
});
