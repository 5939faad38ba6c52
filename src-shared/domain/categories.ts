/**
 * Person categories named by the campaign plan (黑人社函〔2020〕60号, 对象范围 and 行动内容(四)). A trainee may belong to
 * several. The English codes are stored and synced; the Chinese names are what clerks see and type.
 */
import { stripAllSpaces, toHalfWidth } from './half-width';

export const PERSON_CATEGORY_CODES = [
  'returning_employee',
  'awaiting_post',
  'rural_migrant',
  'unemployed',
  'college_graduate',
  'school_leaver',
  'poverty_registered',
  'employment_difficulty',
  'zero_employment_family',
  'urban_min_allowance',
] as const;

export type PersonCategory = (typeof PERSON_CATEGORY_CODES)[number];

const NAMES: Readonly<Record<PersonCategory, string>> = {
  returning_employee: '企业返岗职工',
  awaiting_post: '待岗职工',
  rural_migrant: '农村转移就业劳动者',
  unemployed: '失业人员',
  college_graduate: '高校毕业生',
  school_leaver: '两后生',
  poverty_registered: '建档立卡贫困劳动力',
  employment_difficulty: '就业困难人员',
  zero_employment_family: '零就业家庭成员',
  urban_min_allowance: '城市低保家庭',
};

export const PERSON_CATEGORIES: ReadonlyArray<{ code: PersonCategory; name: string }> = Object.freeze(
  PERSON_CATEGORY_CODES.map((code) => Object.freeze({ code, name: NAMES[code] })),
);

export function isPersonCategory(value: string): value is PersonCategory {
  return (PERSON_CATEGORY_CODES as readonly string[]).includes(value);
}

export function categoryName(code: PersonCategory): string {
  return NAMES[code];
}

export interface AllowanceEligibility {
  eligible: boolean;
  /** Chinese, one per ground, e.g. '建档立卡贫困劳动力', '两后生（农村学员）'. */
  reasons: string[];
  /**
   * 待定: not eligible on what is known, but would be if the unknown 户籍 turns out rural (a 两后生 whose household
   * is 待补充). Shown as 待定 until the clerk fills it in.
   */
  pending: boolean;
}

/**
 * Living allowance (生活费补贴) during training, plan section 六(四): registered poverty labourers, people with
 * employment difficulties, members of zero-employment families, and school leavers (两后生) who are rural or come from
 * an urban minimum-allowance family. Being in an urban minimum-allowance family alone does not qualify.
 * `ruralHukou` null: the household is not known yet (待补充).
 */
export function livingAllowanceEligibility(
  categories: readonly PersonCategory[],
  ruralHukou: boolean | null,
): AllowanceEligibility {
  const has = (code: PersonCategory): boolean => categories.includes(code);
  const reasons: string[] = (['poverty_registered', 'employment_difficulty', 'zero_employment_family'] as const)
    .filter(has)
    .map(categoryName);
  let dependsOnHukou = false;
  if (has('school_leaver')) {
    if (ruralHukou === true) reasons.push('两后生（农村学员）');
    else if (has('urban_min_allowance')) reasons.push('两后生（城市低保家庭学员）');
    else dependsOnHukou = ruralHukou === null;
  }
  const eligible = reasons.length > 0;
  return { eligible, reasons, pending: !eligible && dependsOnHukou };
}

/**
 * Words clerks and spreadsheets use for each category. A text matches a category when it contains one of its
 * keywords; keywords are chosen so that no official name contains another category's keyword.
 */
const KEYWORDS: ReadonlyArray<readonly [string, PersonCategory]> = [
  ['返岗', 'returning_employee'],
  ['复工', 'returning_employee'],
  ['复岗', 'returning_employee'],
  ['待岗', 'awaiting_post'],
  ['转移就业', 'rural_migrant'],
  ['农村转移', 'rural_migrant'],
  ['农民工', 'rural_migrant'],
  ['进城务工', 'rural_migrant'],
  ['外出务工', 'rural_migrant'],
  ['失业', 'unemployed'],
  ['下岗', 'unemployed'],
  ['高校毕业', 'college_graduate'],
  ['毕业生', 'college_graduate'],
  ['大学毕业', 'college_graduate'],
  ['大学生', 'college_graduate'],
  ['两后生', 'school_leaver'],
  ['未升学', 'school_leaver'],
  ['建档立卡', 'poverty_registered'],
  ['贫困', 'poverty_registered'],
  ['就业困难', 'employment_difficulty'],
  ['零就业', 'zero_employment_family'],
  ['低保', 'urban_min_allowance'],
  ['最低生活保障', 'urban_min_allowance'],
];

/** The words a category is also written as (for suggestions when a text matches no category outright). */
export function categoryKeywords(code: PersonCategory): string[] {
  return KEYWORDS.filter(([, c]) => c === code).map(([keyword]) => keyword);
}

/**
 * Keyword hits that are wrong in context: rural minimum allowance (农村低保) is not the urban category, and a junior or
 * senior high-school graduate (初中/高中毕业生) is not a college graduate.
 */
const FALSE_FRIENDS: ReadonlyArray<readonly [PersonCategory, RegExp]> = [
  ['urban_min_allowance', /农村/],
  ['college_graduate', /初中|高中/],
];

/** Quotes and brackets are dropped so '“两后生”' and '两后生（农村）' read as the words inside. */
function cleanCategoryText(text: string): string {
  return stripAllSpaces(toHalfWidth(text)).replace(/["'“”‘’「」『』《》]/g, '');
}

/**
 * Maps what a clerk typed or a spreadsheet holds to a category: the official name (or the English code) first, then
 * keywords. Returns null when nothing matches or the text matches keywords of two categories ('返岗待岗职工'),
 * so an import asks the clerk rather than guessing.
 */
export function matchCategory(text: string): PersonCategory | null {
  const cleaned = cleanCategoryText(text);
  if (cleaned === '') return null;
  const exact = PERSON_CATEGORIES.find((c) => c.name === cleaned || c.code === cleaned.toLowerCase());
  if (exact) return exact.code;
  const matched = new Set(KEYWORDS.filter(([keyword]) => cleaned.includes(keyword)).map(([, code]) => code));
  for (const [code, context] of FALSE_FRIENDS) if (context.test(cleaned)) matched.delete(code);
  if (matched.size !== 1) return null;
  const [only] = matched;
  return only;
}

/**
 * Reads a cell listing several categories ('建档立卡贫困劳动力、两后生', '失业人员,低保'): splits on the usual separators,
 * matches each part, and returns the categories (deduplicated, in official order) and the parts it could not read.
 */
export function matchCategoryList(text: string): { categories: PersonCategory[]; unknown: string[] } {
  const parts = toHalfWidth(text)
    .split(/[、,;/|+，；\n]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const found = new Set<PersonCategory>();
  const unknown: string[] = [];
  for (const part of parts) {
    const code = matchCategory(part);
    if (code) found.add(code);
    else unknown.push(part);
  }
  return { categories: PERSON_CATEGORY_CODES.filter((c) => found.has(c)), unknown };
}
