import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  idChecksumChar,
  maskIdNumber,
  normalizeIdNumber,
  parseIdNumber,
  type IdCardResult,
} from '../../src-shared/domain/id-card';

const TODAY = '2020-04-15';

/** A valid number: region + birth date (YYYYMMDD) + 3-digit sequence + computed check character. */
function makeId(region: string, birth: string, seq: string): string {
  const first17 = region + birth + seq;
  return first17 + idChecksumChar(first17);
}

/** A check character that is NOT the right one. */
function wrongCheck(first17: string): string {
  return idChecksumChar(first17) === '0' ? '1' : '0';
}

function expectProblem(result: IdCardResult, problem: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.problem).toBe(problem);
  // Every message is Chinese and tells the clerk what to do.
  expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  expect(result.message).toMatch(/请/);
  return result.message;
}

function expectOk(result: IdCardResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.problem}: ${result.message}`);
  return result;
}

describe('idChecksumChar (ISO 7064 MOD 11-2)', () => {
  it('matches published examples', () => {
    // The example of GB 11643-1999 appendix: 11010519491231002X.
    expect(idChecksumChar('11010519491231002')).toBe('X');
    // Widely used test number 440524188001010014.
    expect(idChecksumChar('44052418800101001')).toBe('4');
    expect(idChecksumChar('23010219900101123')).toBe('0');
    expect(idChecksumChar('00000000000000000')).toBe('1');
  });
  it('throws unless given 17 digits', () => {
    expect(() => idChecksumChar('2301021990010112')).toThrow();
    expect(() => idChecksumChar('2301021990010112X')).toThrow();
  });
});

describe('normalizeIdNumber', () => {
  it.each([
    ['  230102199001011230 ', '230102199001011230'],
    ['230102 1990 0101 1230', '230102199001011230'],
    ['230102\u3000199001011230', '230102199001011230'],
    ['230102\u00a0199001011230\t', '230102199001011230'],
    ['２３０１０２１９９００１０１１２３０', '230102199001011230'],
    ['11010519491231002x', '11010519491231002X'],
    ['11010519491231002ｘ', '11010519491231002X'],
    ["'230102199001011230", '230102199001011230'],
    ['', ''],
  ])('%j -> %s', (raw, expected) => expect(normalizeIdNumber(raw)).toBe(expected));

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789xX ０１ｘ\u3000\t\'-a') }), (s) => {
        const once = normalizeIdNumber(s);
        expect(normalizeIdNumber(once)).toBe(once);
      }),
    );
  });
});

describe('parseIdNumber: valid numbers', () => {
  it('reads birth date, sex and region of a Harbin 道里区 number', () => {
    const id = makeId('230102', '19900101', '123'); // 3 is odd: male
    expect(id).toBe('230102199001011230');
    const r = expectOk(parseIdNumber(id, { today: TODAY }));
    expect(r.value).toEqual({
      idNumber: id,
      birthDate: '1990-01-01',
      sex: 'M',
      regionCode: '230102',
      regionName: '黑龙江省哈尔滨市道里区',
      convertedFrom15: false,
    });
    expect(r.notices).toEqual([]);
  });

  it('reads an even sequence digit as female', () => {
    const r = expectOk(parseIdNumber(makeId('230103', '19850615', '024'), { today: TODAY }));
    expect(r.value.sex).toBe('F');
    expect(r.value.regionName).toBe('黑龙江省哈尔滨市南岗区');
  });

  it('accepts a check character X, also typed in lower case', () => {
    const r = expectOk(parseIdNumber('11010519491231002x', { today: TODAY }));
    expect(r.value.idNumber).toBe('11010519491231002X');
    expect(r.value.birthDate).toBe('1949-12-31');
    expect(r.value.sex).toBe('F');
    expect(r.value.regionName).toBe('北京市朝阳区'); // every province's units are known (#15 item 7)
  });

  it('accepts full-width digits and spaces', () => {
    const id = makeId('230102', '19900101', '123');
    const fullWidth = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(expectOk(parseIdNumber(` ${fullWidth.slice(0, 6)}\u3000${fullWidth.slice(6)} `, { today: TODAY })).value.idNumber).toBe(id);
    expect(expectOk(parseIdNumber('230102 19900101 1230', { today: TODAY })).value.idNumber).toBe(id);
  });

  it('accepts 2000-02-29 (leap year)', () => {
    expect(expectOk(parseIdNumber(makeId('230102', '20000229', '001'), { today: TODAY })).value.birthDate).toBe('2000-02-29');
  });

  it('accepts someone born today and on 1900-01-01', () => {
    expect(parseIdNumber(makeId('230102', '20200415', '001'), { today: TODAY }).ok).toBe(true);
    expect(parseIdNumber(makeId('230102', '19000101', '001'), { today: TODAY }).ok).toBe(true);
  });

  it('keeps unknown county codes (historical) and names what it knows', () => {
    // 230121 was 呼兰县 before it became 呼兰区 (230111): still a valid ID number.
    const r = expectOk(parseIdNumber(makeId('230121', '19700101', '011'), { today: TODAY }));
    expect(r.value.regionCode).toBe('230121');
    expect(r.value.regionName).toBe('黑龙江省哈尔滨市');
    expect(expectOk(parseIdNumber(makeId('239900', '19700101', '011'), { today: TODAY })).value.regionName).toBe('黑龙江省');
    expect(expectOk(parseIdNumber(makeId('440524', '19700101', '011'), { today: TODAY })).value.regionName).toBe('广东省汕头市');
    expect(expectOk(parseIdNumber(makeId('820000', '19700101', '011'), { today: TODAY })).value.regionName).toBe('澳门特别行政区');
  });

  it('uses the current date when no today is given', () => {
    expect(parseIdNumber(makeId('230102', '19900101', '123')).ok).toBe(true);
  });

  it('any generated valid number parses and round-trips its birth date and sex', () => {
    const regions = ['230102', '230184', '232721', '110105', '650102', '710000', '810000', '231299'];
    fc.assert(
      fc.property(
        fc.constantFrom(...regions),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-04-15T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.boolean(),
        (region, date, seq, lower) => {
          const birthDate = date.toISOString().slice(0, 10);
          const id = makeId(region, birthDate.replace(/-/g, ''), String(seq).padStart(3, '0'));
          const typed = lower ? id.toLowerCase() : id;
          const r = expectOk(parseIdNumber(typed, { today: TODAY }));
          expect(r.value.idNumber).toBe(id);
          expect(r.value.birthDate).toBe(birthDate);
          expect(r.value.sex).toBe(seq % 2 === 1 ? 'M' : 'F');
          expect(r.value.regionCode).toBe(region);
        },
      ),
    );
  });
});

describe('parseIdNumber: 15-digit legacy numbers', () => {
  it('converts to 18 digits with a notice', () => {
    const r = expectOk(parseIdNumber('230102900101123', { today: TODAY }));
    expect(r.value.idNumber).toBe('230102199001011230');
    expect(r.value.convertedFrom15).toBe(true);
    expect(r.value.birthDate).toBe('1990-01-01');
    expect(r.value.sex).toBe('M');
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toContain('15位');
    expect(r.notices[0]).toContain('230102199001011230');
  });
  it('checks the date of a 15-digit number', () => {
    expectProblem(parseIdNumber('230102900230123', { today: TODAY }), 'DATE');
    expectProblem(parseIdNumber('230102000229123', { today: TODAY }), 'DATE'); // 1900-02-29
  });
  it('rejects X in a 15-digit number', () => {
    expectProblem(parseIdNumber('23010290010112X', { today: TODAY }), 'FORMAT');
  });
});

describe('parseIdNumber: failures', () => {
  it('EMPTY for nothing or only spaces', () => {
    expectProblem(parseIdNumber('', { today: TODAY }), 'EMPTY');
    expectProblem(parseIdNumber(' \u3000\t', { today: TODAY }), 'EMPTY');
  });

  it.each(['2.30102199001011E+17', '2.30102E+17', '2.30102e+17', '2.30102E17', '230102E+12'])(
    'EXCEL_NUMBER for %s',
    (raw) => {
      const message = expectProblem(parseIdNumber(raw, { today: TODAY }), 'EXCEL_NUMBER');
      expect(message).toContain('Excel');
      expect(message).toContain('文本');
      expect(message).toContain('重新输入');
    },
  );

  it('LENGTH for 17 and 19 characters, naming the count', () => {
    const id = makeId('230102', '19900101', '123');
    expect(expectProblem(parseIdNumber(id.slice(0, 17), { today: TODAY }), 'LENGTH')).toContain('17位');
    expect(expectProblem(parseIdNumber(`${id}1`, { today: TODAY }), 'LENGTH')).toContain('19位');
    expectProblem(parseIdNumber('2301', { today: TODAY }), 'LENGTH');
  });

  it('FORMAT for letters, symbols and an X that is not last', () => {
    expectProblem(parseIdNumber('23010219900101123A', { today: TODAY }), 'FORMAT');
    expectProblem(parseIdNumber('张三', { today: TODAY }), 'FORMAT');
    expectProblem(parseIdNumber('230102-19900101-1230', { today: TODAY }), 'FORMAT');
    expectProblem(parseIdNumber('2301021990010112X9', { today: TODAY }), 'FORMAT');
  });

  it('REGION for an unknown province such as 99', () => {
    const message = expectProblem(parseIdNumber(makeId('990102', '19900101', '123'), { today: TODAY }), 'REGION');
    expect(message).toContain('99');
    expectProblem(parseIdNumber(makeId('000000', '19900101', '123'), { today: TODAY }), 'REGION');
    expectProblem(parseIdNumber(makeId('160102', '19900101', '123'), { today: TODAY }), 'REGION');
    expectProblem(parseIdNumber(makeId('830102', '19900101', '123'), { today: TODAY }), 'REGION');
  });

  it('REGION accepts exactly the 34 province-level codes', () => {
    const valid = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];
    for (let p = 10; p <= 99; p += 1) {
      const r = parseIdNumber(makeId(`${p}0101`, '19900101', '123'), { today: TODAY });
      expect(r.ok, `province ${p}`).toBe(valid.includes(p));
    }
  });

  it('DATE for days that do not exist', () => {
    expectProblem(parseIdNumber(makeId('230102', '19900230', '123'), { today: TODAY }), 'DATE');
    expectProblem(parseIdNumber(makeId('230102', '19000229', '123'), { today: TODAY }), 'DATE');
    expectProblem(parseIdNumber(makeId('230102', '19901301', '123'), { today: TODAY }), 'DATE');
    expectProblem(parseIdNumber(makeId('230102', '19900100', '123'), { today: TODAY }), 'DATE');
    const message = expectProblem(parseIdNumber(makeId('230102', '19900230', '123'), { today: TODAY }), 'DATE');
    expect(message).toContain('19900230');
  });

  it('DATE before 1900', () => {
    const message = expectProblem(parseIdNumber(makeId('230102', '18991231', '123'), { today: TODAY }), 'DATE');
    expect(message).toContain('1899年12月31日');
  });

  it('FUTURE for a birth date after today', () => {
    const message = expectProblem(parseIdNumber(makeId('230102', '20200416', '123'), { today: TODAY }), 'FUTURE');
    expect(message).toContain('2020年4月16日');
    expectProblem(parseIdNumber(makeId('230102', '20300101', '123'), { today: TODAY }), 'FUTURE');
  });

  it('CHECKSUM for a wrong check character or a mistyped digit', () => {
    const first17 = '23010219900101123';
    expectProblem(parseIdNumber(first17 + wrongCheck(first17), { today: TODAY }), 'CHECKSUM');
    expectProblem(parseIdNumber('11010519491231002' + '1', { today: TODAY }), 'CHECKSUM');
    // Two adjacent digits swapped in the sequence part.
    expectProblem(parseIdNumber('230102199001012130', { today: TODAY }), 'CHECKSUM');
  });

  it('CHECKSUM message points at Excel when the number ends in 000', () => {
    const first17 = '23010219900101100';
    expect(idChecksumChar(first17)).not.toBe('0');
    const message = expectProblem(parseIdNumber(`${first17}0`, { today: TODAY }), 'CHECKSUM');
    expect(message).toContain('Excel');
  });

  it('never reveals the expected check character', () => {
    const first17 = '23010219900101123';
    const message = expectProblem(parseIdNumber(`${first17}5`, { today: TODAY }), 'CHECKSUM');
    expect(message).not.toMatch(/[0-9X]/);
  });

  it('throws on an invalid today (a programming error, not a clerk error)', () => {
    expect(() => parseIdNumber('230102199001011230', { today: '2020-02-30' })).toThrow();
  });
});

describe('ageOn', () => {
  it('counts whole years', () => {
    expect(ageOn('1990-01-01', '2020-04-15')).toBe(30);
    expect(ageOn('1990-04-15', '2020-04-15')).toBe(30);
    expect(ageOn('1990-04-16', '2020-04-15')).toBe(29);
    expect(ageOn('2020-04-15', '2020-04-15')).toBe(0);
    expect(ageOn('2020-04-16', '2020-04-15')).toBe(-1);
  });
  it('treats a 29 February birthday as reached on 1 March of common years', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
  });
  it('throws on invalid dates', () => {
    expect(() => ageOn('1990-02-30', '2020-01-01')).toThrow();
    expect(() => ageOn('1990-01-01', 'today')).toThrow();
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 of an 18-character number', () => {
    expect(maskIdNumber('23010219900101123X')).toBe('230102********123X');
    expect(maskIdNumber('230102199001011230')).toBe('230102********1230');
  });
  it('masks shorter strings sensibly', () => {
    expect(maskIdNumber('230102900101123')).toBe('230102*****1123');
    expect(maskIdNumber('2301029001')).toBe('23******01');
    expect(maskIdNumber('12345')).toBe('12*45');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('')).toBe('');
  });
  it('leaves a masked value as it is: masking twice shows what masking once does', () => {
    for (const id of ['23010219900101123X', '230102900101123', '2301029001']) expect(maskIdNumber(maskIdNumber(id))).toBe(maskIdNumber(id));
  });
  it('never shows the birth date of a valid number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), (seq) => {
        const id = makeId('230102', '19900101', String(seq).padStart(3, '0'));
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });
});
