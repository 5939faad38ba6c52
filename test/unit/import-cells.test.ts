import { describe, expect, it } from 'vitest';
import { excelSerialToIso, readDate, readHukou, readHours, readYesNo } from '../../src-main/core/import/cells';
import { decodeCsv, parseCsv } from '../../src-main/core/import/csv-reader';
import { cleanHeader, matchHeader } from '../../src-main/core/import/headers';
import { sniffFormat } from '../../src-main/core/import/sheet-source';
import iconv from 'iconv-lite';

describe('Excel serial dates', () => {
  it('reads the 1900 system with its leap-year bug', () => {
    expect(excelSerialToIso(43922)).toBe('2020-04-01');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull(); // 1900-02-29 never existed
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(43922.75)).toBe('2020-04-01'); // a time of day is dropped
  });

  it('reads serials, Date cells and every text form, and explains the rest', () => {
    for (const cell of [43922, new Date(Date.UTC(2020, 3, 1)), '2020年4月1日', '2020.4.1', '2020/4/1', '20200401', '2020-04-01', '２０２０年４月１日', '43922', 20200401, '2020/4/1 0:00']) {
      expect(readDate(cell, '注册日期'), String(cell)).toEqual({ ok: true, value: '2020-04-01' });
    }
    const bad = readDate('2020-02-30', '注册日期');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/注册日期“2020-02-30”不是有效日期/);
    expect(readDate(null, '注册日期')).toEqual({ ok: false, reason: '请填写注册日期。' });
    expect(readDate(12, '注册日期').ok).toBe(false);
  });
});

describe('words for household, yes/no and hours', () => {
  it('reads 户籍 words, 非农业 before 农业', () => {
    for (const w of ['农村', '农业', '农业户口', '农村户口', '农']) expect(readHukou(w, '户籍')).toEqual({ ok: true, value: true });
    for (const w of ['城镇', '非农业', '非农业户口', '城市', '城镇户口']) expect(readHukou(w, '户口性质')).toEqual({ ok: true, value: false });
    expect(readHukou('是', '是否农村户籍')).toEqual({ ok: true, value: true });
    expect(readHukou('居民户口', '户籍').ok).toBe(false);
    expect(readHukou('是', '户籍').ok).toBe(false);
  });

  it('reads sign-in and hours', () => {
    expect(readYesNo('√', '是否签到')).toEqual({ ok: true, value: true });
    expect(readYesNo('未签到', '是否签到')).toEqual({ ok: true, value: false });
    expect(readYesNo('也许', '是否签到').ok).toBe(false);
    expect(readHours('8学时')).toEqual({ ok: true, value: 8 });
    expect(readHours('８.５')).toEqual({ ok: true, value: 8.5 });
    expect(readHours('八').ok).toBe(false);
  });
});

describe('headers', () => {
  it('knows the synonyms and ignores decorations', () => {
    const t = (h: string) => matchHeader('trainees', h);
    expect([t('姓名'), t('名字'), t('学员姓名'), t('*姓名')]).toEqual(['name', 'name', 'name', 'name']);
    expect([t('身份证号'), t('身份证号码'), t('公民身份号码'), t('证件号码'), t('身份证号码（18位）')]).toEqual(Array(5).fill('idNumber'));
    expect([t('手机'), t('手机号'), t('联系电话'), t('联系电话(手机)')]).toEqual(Array(4).fill('phone'));
    expect([t('人员类别'), t('类别')]).toEqual(['categories', 'categories']);
    expect([t('注册日期'), t('登记日期')]).toEqual(['registeredAt', 'registeredAt']);
    expect([t('注册平台'), t('平台')]).toEqual(['platform', 'platform']);
    expect([t('户籍'), t('户口性质')]).toEqual(['ruralHukou', 'ruralHukou']);
    expect([t('序号'), t('性别'), t('出生日期'), t('错误原因')]).toEqual([null, null, null, null]);
    const e = (h: string) => matchHeader('enrolments', h);
    expect([e('培训开始日期'), e('结束日期'), e('职业（工种）'), e('是否签到'), e('答疑测试结果')]).toEqual(['startDate', 'endDate', 'occupation', 'signedIn', 'testResult']);
    expect(cleanHeader(' *联系 电话（手机）')).toBe('联系电话');
  });
});

describe('CSV and file formats', () => {
  const text = '姓名,备注\r\n张三,"有逗号,和""引号""\n和换行"\r\n李四,\r\n';
  it('parses quotes, commas and line breaks inside cells, numbering rows as Excel does', () => {
    const rows = parseCsv(text);
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['姓名', '备注'] },
      { rowNumber: 2, cells: ['张三', '有逗号,和"引号"\n和换行'] },
      { rowNumber: 3, cells: ['李四', ''] },
    ]);
  });

  it('detects UTF-8 with and without BOM, and GBK', () => {
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 instead of importing mojibake', () => {
    // KOI8-R "Привет" then 0x80 and 0xFF: not UTF-8, and not a GB18030 sequence.
    expect(() => decodeCsv(Buffer.from([0xf0, 0xd2, 0xc9, 0x2c, 0x80, 0x0a, 0xff, 0x2c, 0x31]))).toThrow(/编码无法识别/);
  });

  it('reads .xls / WPS .et (OLE2) as BIFF now (#14 item 3: it used to refuse them), UTF-16 text as CSV', () => {
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(sniffFormat(ole2)).toBe('biff');
    expect(sniffFormat(Buffer.from('PK\x03\x04rest'))).toBe('xlsx');
    expect(sniffFormat(Buffer.from([0xff, 0xfe, 0x59, 0x5d]))).toBe('csv');
    expect(() => sniffFormat(Buffer.from('%PDF-1.4\0\0'))).toThrow(/无法识别文件格式/);
    expect(() => sniffFormat(Buffer.alloc(0))).toThrow(/空的/);
  });
});
