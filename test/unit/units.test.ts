import { describe, expect, it } from 'vitest';
import {
  ALL_UNITS,
  citiesOfProvince,
  countiesOfProvince,
  HEILONGJIANG_UNITS,
  PROVINCES,
  provinceOf,
  unitsOfProvince,
  PROVINCE_NAMES,
  countiesOf,
  findUnit,
  isCountyCode,
  provinceName,
  regionNameForIdCode,
} from '../../src-shared/domain/units';

const CITIES: Record<string, string> = {
  '230100': '哈尔滨市',
  '230200': '齐齐哈尔市',
  '230300': '鸡西市',
  '230400': '鹤岗市',
  '230500': '双鸭山市',
  '230600': '大庆市',
  '230700': '伊春市',
  '230800': '佳木斯市',
  '230900': '七台河市',
  '231000': '牡丹江市',
  '231100': '黑河市',
  '231200': '绥化市',
  '232700': '大兴安岭地区',
};

describe('HEILONGJIANG_UNITS', () => {
  it('has the province first and is sorted by code without duplicates', () => {
    expect(HEILONGJIANG_UNITS[0]).toEqual({ code: '230000', name: '黑龙江省', level: 'province', parentCode: null });
    const codes = HEILONGJIANG_UNITS.map((u) => u.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^23\d{4}$/.test(c))).toBe(true);
  });

  it('has exactly the 13 prefecture-level units', () => {
    const cities = HEILONGJIANG_UNITS.filter((u) => u.level === 'city');
    expect(Object.fromEntries(cities.map((c) => [c.code, c.name]))).toEqual(CITIES);
    expect(cities.every((c) => c.parentCode === '230000')).toBe(true);
  });

  it('has the 121 county-level units, each under the city its code names', () => {
    const counties = HEILONGJIANG_UNITS.filter((u) => u.level === 'county');
    expect(counties).toHaveLength(121);
    for (const c of counties) expect(c.parentCode).toBe(`${c.code.slice(0, 4)}00`);
    expect(HEILONGJIANG_UNITS).toHaveLength(1 + 13 + 121);
  });

  it('leaves out 市辖区 placeholders and statistics-only codes', () => {
    expect(HEILONGJIANG_UNITS.some((u) => u.name === '市辖区')).toBe(false);
    for (const code of ['230101', '230671', '231071', '232761', '232762', '232763', '232764']) {
      expect(findUnit(code), code).toBeNull();
    }
  });

  it('counts counties per city as known', () => {
    const perCity = Object.fromEntries(Object.keys(CITIES).map((code) => [code, countiesOf(code).length]));
    expect(perCity).toEqual({
      '230100': 18,
      '230200': 16,
      '230300': 9,
      '230400': 8,
      '230500': 8,
      '230600': 9,
      '230700': 10,
      '230800': 10,
      '230900': 4,
      '231000': 10,
      '231100': 6,
      '231200': 10,
      '232700': 3,
    });
  });
});

describe('lookups', () => {
  it('findUnit', () => {
    expect(findUnit('230102')).toEqual({ code: '230102', name: '道里区', level: 'county', parentCode: '230100' });
    expect(findUnit('230103')?.name).toBe('南岗区');
    expect(findUnit('230184')?.name).toBe('五常市');
    expect(findUnit('232701')?.name).toBe('漠河市');
    expect(findUnit('230100')?.level).toBe('city');
    expect(findUnit('110000')).toEqual({ code: '110000', name: '北京市', level: 'province', parentCode: null });
    expect(findUnit('999999')).toBeNull();
    expect(findUnit('')).toBeNull();
  });

  it('countiesOf lists Harbin districts in code order', () => {
    const harbin = countiesOf('230100');
    expect(harbin.slice(0, 3).map((u) => u.name)).toEqual(['道里区', '南岗区', '道外区']);
    expect(harbin.map((u) => u.code)).toContain('230113'); // 双城区
    expect(countiesOf('230000')).toEqual([]);
    expect(countiesOf('999900')).toEqual([]);
  });

  it('isCountyCode', () => {
    expect(isCountyCode('230102')).toBe(true);
    expect(isCountyCode('230100')).toBe(false);
    expect(isCountyCode('230000')).toBe(false);
    expect(isCountyCode('230101')).toBe(false);
    expect(isCountyCode('230121')).toBe(false);
  });
});

describe('province names', () => {
  it('has all 34 province-level units', () => {
    expect(Object.keys(PROVINCE_NAMES)).toHaveLength(34);
    expect(PROVINCE_NAMES['230000']).toBe('黑龙江省');
    expect(PROVINCE_NAMES['110000']).toBe('北京市');
    expect(PROVINCE_NAMES['450000']).toBe('广西壮族自治区');
    expect(PROVINCE_NAMES['710000']).toBe('台湾省');
    expect(PROVINCE_NAMES['810000']).toBe('香港特别行政区');
    expect(PROVINCE_NAMES['820000']).toBe('澳门特别行政区');
  });
  it('provinceName reads the first two digits', () => {
    expect(provinceName('230102')).toBe('黑龙江省');
    expect(provinceName('65')).toBe('新疆维吾尔自治区');
    expect(provinceName('990000')).toBeNull();
    expect(provinceName('')).toBeNull();
  });
});

describe('regionNameForIdCode', () => {
  it.each([
    ['230102', '黑龙江省哈尔滨市道里区'],
    ['232722', '黑龙江省大兴安岭地区塔河县'],
    ['231283', '黑龙江省绥化市海伦市'],
    ['230121', '黑龙江省哈尔滨市'], // former 呼兰县: county no longer exists, city does
    ['230100', '黑龙江省哈尔滨市'],
    ['230000', '黑龙江省'],
    ['239901', '黑龙江省'],
    ['110105', '北京市朝阳区'], // a district of a municipality: no prefecture level between
    ['440524', '广东省汕头市'], // the former 潮阳县: the city is known
    ['441900', '广东省东莞市'],
    ['419001', '河南省济源市'],
    ['810000', '香港特别行政区'],
    ['990102', ''],
    ['', ''],
  ])('%s -> %j', (code, expected) => expect(regionNameForIdCode(code)).toBe(expected));
});

describe('every mainland province (issue #15 item 7)', () => {
  it('has the 31 mainland province-level units and 2,867 reporting units (2,863 county-level + 4 cities without counties), sorted without duplicates', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(PROVINCES.map((p) => p.code)).not.toContain('710000');
    expect(ALL_UNITS.filter((u) => u.level === 'county')).toHaveLength(2867);
    const codes = ALL_UNITS.map((u) => u.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('puts every unit under a unit of the level above it, in its own province', () => {
    for (const unit of ALL_UNITS) {
      if (unit.level === 'province') {
        expect(unit.parentCode).toBeNull();
        continue;
      }
      const parent = findUnit(unit.parentCode!);
      expect(parent, unit.code).not.toBeNull();
      expect(parent!.code.slice(0, 2), unit.code).toBe(unit.code.slice(0, 2));
      expect(parent!.level, unit.code).toBe(unit.level === 'city' ? 'province' : parent!.code.endsWith('0000') ? 'province' : 'city');
    }
  });

  it('every prefecture-level unit has counties, and every province has counties to report', () => {
    for (const city of ALL_UNITS.filter((u) => u.level === 'city')) expect(countiesOf(city.code).length, city.code).toBeGreaterThan(0);
    for (const province of PROVINCES) expect(countiesOfProvince(province.code).length, province.code).toBeGreaterThan(0);
  });

  it('municipalities and 省直辖县级 units report straight to the province; a city without counties is a reporting unit', () => {
    expect(findUnit('110105')).toEqual({ code: '110105', name: '朝阳区', level: 'county', parentCode: '110000' });
    expect(citiesOfProvince('110000')).toEqual([]);
    expect(countiesOfProvince('110000')).toHaveLength(16);
    expect(findUnit('419001')).toMatchObject({ name: '济源市', level: 'county', parentCode: '410000' });
    expect(findUnit('419000')).toBeNull(); // the 省直辖县级行政区划 placeholder
    expect(findUnit('441900')).toMatchObject({ name: '东莞市', level: 'county', parentCode: '440000' });
    expect(countiesOf('441900')).toEqual([]);
    expect(citiesOfProvince('440000')).toHaveLength(19);
  });

  it('Heilongjiang is what it was: 1 + 13 + 121 units', () => {
    expect(unitsOfProvince('230000')).toEqual(HEILONGJIANG_UNITS);
    expect(HEILONGJIANG_UNITS).toHaveLength(135);
    expect(unitsOfProvince('230100')).toEqual([]);
    expect(provinceOf('230102')?.name).toBe('黑龙江省');
    expect(provinceOf('999999')).toBeNull();
  });
});
