import { describe, expect, it } from 'vitest';
import {
  PERSON_CATEGORIES,
  PERSON_CATEGORY_CODES,
  categoryName,
  isPersonCategory,
  livingAllowanceEligibility,
  matchCategory,
  matchCategoryList,
  type PersonCategory,
} from '../../src-shared/domain/categories';

describe('the ten categories', () => {
  it('are in the order of the plan, with stable codes and official names', () => {
    expect(PERSON_CATEGORIES).toEqual([
      { code: 'returning_employee', name: '企业返岗职工' },
      { code: 'awaiting_post', name: '待岗职工' },
      { code: 'rural_migrant', name: '农村转移就业劳动者' },
      { code: 'unemployed', name: '失业人员' },
      { code: 'college_graduate', name: '高校毕业生' },
      { code: 'school_leaver', name: '两后生' },
      { code: 'poverty_registered', name: '建档立卡贫困劳动力' },
      { code: 'employment_difficulty', name: '就业困难人员' },
      { code: 'zero_employment_family', name: '零就业家庭成员' },
      { code: 'urban_min_allowance', name: '城市低保家庭' },
    ]);
    expect(PERSON_CATEGORY_CODES).toEqual(PERSON_CATEGORIES.map((c) => c.code));
  });
  it('name lookup and guard', () => {
    expect(categoryName('school_leaver')).toBe('两后生');
    expect(categoryName('urban_min_allowance')).toBe('城市低保家庭');
    expect(isPersonCategory('unemployed')).toBe(true);
    expect(isPersonCategory('Unemployed')).toBe(false);
    expect(isPersonCategory('失业人员')).toBe(false);
  });
  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(PERSON_CATEGORIES)).toBe(true);
    expect(Object.isFrozen(PERSON_CATEGORIES[0])).toBe(true);
  });
});

describe('livingAllowanceEligibility', () => {
  // A known household is never 待定: these cases check eligibility and grounds, `pending` is checked below.
  const check = (categories: PersonCategory[], rural: boolean) => {
    const { pending, ...decided } = livingAllowanceEligibility(categories, rural);
    expect(pending).toBe(false);
    return decided;
  };

  it('is 待定 only where an unknown 户籍 (null) decides it: a 两后生 not from an urban minimum-allowance family', () => {
    expect(livingAllowanceEligibility(['school_leaver'], null)).toEqual({ eligible: false, reasons: [], pending: true });
    expect(livingAllowanceEligibility(['school_leaver', 'urban_min_allowance'], null)).toEqual({ eligible: true, reasons: ['两后生（城市低保家庭学员）'], pending: false });
    expect(livingAllowanceEligibility(['school_leaver', 'poverty_registered'], null)).toEqual({ eligible: true, reasons: ['建档立卡贫困劳动力'], pending: false });
    expect(livingAllowanceEligibility(['unemployed'], null)).toEqual({ eligible: false, reasons: [], pending: false });
    expect(livingAllowanceEligibility([], null)).toEqual({ eligible: false, reasons: [], pending: false });
  });

  it.each<[PersonCategory, string]>([
    ['poverty_registered', '建档立卡贫困劳动力'],
    ['employment_difficulty', '就业困难人员'],
    ['zero_employment_family', '零就业家庭成员'],
  ])('%s is eligible whatever the household', (category, reason) => {
    expect(check([category], false)).toEqual({ eligible: true, reasons: [reason] });
    expect(check([category], true)).toEqual({ eligible: true, reasons: [reason] });
  });

  it('两后生 qualifies when rural or from an urban minimum-allowance family', () => {
    expect(check(['school_leaver'], true)).toEqual({ eligible: true, reasons: ['两后生（农村学员）'] });
    expect(check(['school_leaver', 'urban_min_allowance'], false)).toEqual({
      eligible: true,
      reasons: ['两后生（城市低保家庭学员）'],
    });
    expect(check(['school_leaver'], false)).toEqual({ eligible: false, reasons: [] });
  });

  it('an urban minimum-allowance family alone, or other categories, do not qualify', () => {
    expect(check(['urban_min_allowance'], false).eligible).toBe(false);
    expect(check(['urban_min_allowance'], true).eligible).toBe(false);
    expect(check(['returning_employee', 'awaiting_post', 'rural_migrant', 'unemployed', 'college_graduate'], true)).toEqual({
      eligible: false,
      reasons: [],
    });
    expect(check([], true)).toEqual({ eligible: false, reasons: [] });
  });

  it('lists every ground once, in category order', () => {
    expect(
      check(['zero_employment_family', 'school_leaver', 'poverty_registered', 'poverty_registered'], true).reasons,
    ).toEqual(['建档立卡贫困劳动力', '零就业家庭成员', '两后生（农村学员）']);
  });
});

describe('matchCategory', () => {
  it('matches every official name and code exactly', () => {
    for (const { code, name } of PERSON_CATEGORIES) {
      expect(matchCategory(name)).toBe(code);
      expect(matchCategory(` ${name} `)).toBe(code);
      expect(matchCategory(code)).toBe(code);
      expect(matchCategory(code.toUpperCase())).toBe(code);
    }
  });

  it.each<[string, PersonCategory]>([
    ['返岗职工', 'returning_employee'],
    ['复工复产职工', 'returning_employee'],
    ['待岗', 'awaiting_post'],
    ['农民工', 'rural_migrant'],
    ['转移就业劳动者', 'rural_migrant'],
    ['农村转移劳动力', 'rural_migrant'],
    ['失业', 'unemployed'],
    ['下岗失业人员', 'unemployed'],
    ['登记失业人员', 'unemployed'],
    ['高校毕业', 'college_graduate'],
    ['毕业生', 'college_graduate'],
    ['应届高校毕业生', 'college_graduate'],
    ['大学生', 'college_graduate'],
    ['两后生', 'school_leaver'],
    ['“两后生”', 'school_leaver'],
    ['两后生（农村）', 'school_leaver'],
    ['初高中毕业未升学', 'school_leaver'],
    ['建档立卡', 'poverty_registered'],
    ['贫困劳动力', 'poverty_registered'],
    ['建档立卡贫困户', 'poverty_registered'],
    ['就业困难', 'employment_difficulty'],
    ['零就业', 'zero_employment_family'],
    ['零就业家庭', 'zero_employment_family'],
    ['低保', 'urban_min_allowance'],
    ['城市低保户', 'urban_min_allowance'],
    ['城市最低生活保障家庭', 'urban_min_allowance'],
    ['\u3000失业人员\u3000', 'unemployed'],
  ])('%j -> %s', (text, expected) => expect(matchCategory(text)).toBe(expected));

  it.each([
    '',
    '   ',
    '职工',
    '其他',
    '退役军人',
    '返岗待岗职工', // two categories in one word: ask the clerk
    '贫困家庭两后生',
    '两后生（城市低保）',
    '农村低保', // rural minimum allowance is not the urban category
    '高中毕业生', // not a college graduate, and not necessarily 两后生
    'unknown_code',
  ])('%j -> null', (text) => expect(matchCategory(text)).toBeNull());
});

describe('matchCategoryList', () => {
  it('splits on the usual separators and keeps official order', () => {
    expect(matchCategoryList('两后生、建档立卡贫困劳动力')).toEqual({
      categories: ['school_leaver', 'poverty_registered'],
      unknown: [],
    });
    expect(matchCategoryList('失业人员，低保；零就业')).toEqual({
      categories: ['unemployed', 'zero_employment_family', 'urban_min_allowance'],
      unknown: [],
    });
    expect(matchCategoryList('企业返岗、待岗职工')).toEqual({
      categories: ['returning_employee', 'awaiting_post'],
      unknown: [],
    });
  });
  it('reports what it cannot read and removes duplicates', () => {
    expect(matchCategoryList('失业人员/失业,退役军人')).toEqual({ categories: ['unemployed'], unknown: ['退役军人'] });
    expect(matchCategoryList('')).toEqual({ categories: [], unknown: [] });
  });
});

describe('matchCategoryList: the separators clerks use (issue #14)', () => {
  it.each(['失业、两后生', '失业，两后生', '失业;两后生', '失业；两后生', '失业/两后生', '失业+两后生', '失业\n两后生', '失业 、 两后生'])('%j', (text) => {
    expect(matchCategoryList(text)).toEqual({ categories: ['unemployed', 'school_leaver'], unknown: [] });
  });

  it('keeps the parts it cannot read, for the per-value decision', () => {
    expect(matchCategoryList('失业、脱贫户')).toEqual({ categories: ['unemployed'], unknown: ['脱贫户'] });
  });
});
