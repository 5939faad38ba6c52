import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkReceiptCode,
  codeMacMatches,
  encodeReportCode,
  groupCode,
  parseReportCode,
  receiptCodeFor,
  REPORT_CODE_LENGTH,
  type ReportCodeFields,
} from '../../src-shared/report-code';
import { reportCodeMac } from '../../src-node/report-code-mac';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const key = Buffer.alloc(32, 7);
const mac = reportCodeMac(key);
const otherMac = reportCodeMac(Buffer.alloc(32, 8));

const report: ReportCodeFields = {
  countyCode: '230102',
  cutoffDate: '2020-04-26',
  revision: 2,
  figures: { registeredTrainees: 1234, trainingPersonTimes: 56789, provincePlatforms: 12, cityPlatforms: 3, nationalPlatforms: 54 },
};

function encode(fields: ReportCodeFields = report): string {
  const code = encodeReportCode(fields, mac);
  if (!code.ok) throw new Error(code.message);
  return code.value;
}

const fieldsArb = fc.record({
  countyCode: fc.integer({ min: 110000, max: 999999 }).map(String),
  cutoffDate: fc.integer({ min: 0, max: 20000 }).map((d) => new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10)),
  revision: fc.integer({ min: 1, max: 127 }),
  figures: fc.record({
    registeredTrainees: fc.integer({ min: 0, max: 2 ** 24 - 1 }),
    trainingPersonTimes: fc.integer({ min: 0, max: 2 ** 24 - 1 }),
    provincePlatforms: fc.integer({ min: 0, max: 1023 }),
    cityPlatforms: fc.integer({ min: 0, max: 1023 }),
    nationalPlatforms: fc.integer({ min: 0, max: 63 }),
  }),
});

describe('short report code', () => {
  it('is 35 characters of the Crockford alphabet, read back as the same report with a MAC of this key only', () => {
    const code = encode();
    expect(code).toHaveLength(REPORT_CODE_LENGTH);
    expect([...code].every((c) => ALPHABET.includes(c))).toBe(true);
    const parsed = parseReportCode(groupCode(code).toLowerCase());
    expect(parsed.ok && parsed.value.fields).toEqual(report);
    expect(parsed.ok && codeMacMatches(parsed.value, mac)).toBe(true);
    expect(parsed.ok && codeMacMatches(parsed.value, otherMac)).toBe(false);
  });

  it('round-trips any report that fits', () => {
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const parsed = parseReportCode(encode(fields));
        expect(parsed.ok && parsed.value.fields).toEqual(fields);
        return parsed.ok && codeMacMatches(parsed.value, mac);
      }),
    );
  });

  it('forgives look-alikes and separators: O for 0, I and L for 1, spaces and dashes', () => {
    const code = encode();
    const typed = groupCode(code).replace(/0/g, 'O').replace(/1/g, 'l').replace(/-/g, ' ');
    const parsed = parseReportCode(typed);
    expect(parsed.ok && parsed.value.canonical).toBe(code);
  });

  it('refuses any single changed character, by the check character or else by the MAC', () => {
    fc.assert(
      fc.property(fieldsArb, fc.nat(), fc.integer({ min: 1, max: 31 }), (fields, at, shift) => {
        const code = encode(fields);
        const i = at % code.length;
        const changed = code.slice(0, i) + ALPHABET[(ALPHABET.indexOf(code[i]!) + shift) % 32] + code.slice(i + 1);
        const parsed = parseReportCode(changed);
        return !parsed.ok || !codeMacMatches(parsed.value, mac);
      }),
      { numRuns: 2000 },
    );
  });

  it('says why a code is refused: length, a foreign character, the check character', () => {
    const code = encode();
    expect(parseReportCode(code.slice(1))).toMatchObject({ ok: false, refusal: 'FORMAT' });
    expect(parseReportCode(`${code.slice(0, -1)}U`)).toMatchObject({ ok: false, refusal: 'FORMAT' });
    const typo = code.slice(0, 3) + (code[3] === 'A' ? 'B' : 'A') + code.slice(4);
    expect(parseReportCode(typo)).toMatchObject({ ok: false, refusal: 'CHECK' });
  });

  it('refuses a figure that does not fit rather than wrapping it', () => {
    const big = encodeReportCode({ ...report, figures: { ...report.figures, registeredTrainees: 2 ** 24 } }, mac);
    expect(big).toMatchObject({ ok: false, refusal: 'RANGE' });
    expect(encodeReportCode({ ...report, revision: 0 }, mac)).toMatchObject({ ok: false, refusal: 'RANGE' });
  });

  it('a receipt answers exactly its code under its key', () => {
    const code = encode();
    const receipt = receiptCodeFor(code, mac);
    expect(receipt).toHaveLength(9);
    expect(checkReceiptCode(code, groupCode(receipt, 4), mac)).toEqual({ ok: true, value: true });
    expect(checkReceiptCode(encode({ ...report, revision: 3 }), receipt, mac)).toMatchObject({ ok: false, refusal: 'CONTENT' });
    expect(checkReceiptCode(code, receiptCodeFor(code, otherMac), mac)).toMatchObject({ ok: false });
    const typo = receipt.slice(0, 2) + (receipt[2] === 'A' ? 'B' : 'A') + receipt.slice(3);
    expect(checkReceiptCode(code, typo, mac)).toMatchObject({ ok: false, refusal: 'CHECK' });
  });

  it('uses HMAC-SHA256 of the key (a code made by hand with node:crypto verifies)', () => {
    const manual = (m: Uint8Array) => new Uint8Array(createHmac('sha256', key).update(m).digest());
    const parsed = parseReportCode(encode());
    expect(parsed.ok && codeMacMatches(parsed.value, manual)).toBe(true);
  });
});
