/**
 * Resident ID numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence (odd = male),
 * ISO 7064 MOD 11-2 check character (0-9 or X).
 *
 * Hand-written rather than taken from a library because each failure needs its own Chinese explanation that tells
 * a clerk what to check on the card. Deliberately NOT rejected: unknown 6-digit region codes. People keep the number
 * issued under a region code that has since been abolished or renumbered, so only the province digits are checked.
 */
import { isValidIsoDate, parseIsoDate, todayIso, toIsoDate } from './dates';
import { stripAllSpaces, toHalfWidth } from './half-width';
import { provinceName, regionNameForIdCode } from './units';

export type IdCardProblem = 'EMPTY' | 'EXCEL_NUMBER' | 'LENGTH' | 'FORMAT' | 'REGION' | 'DATE' | 'FUTURE' | 'CHECKSUM';

export interface IdCardInfo {
  /** Normalised 18-character number. */
  idNumber: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  sex: 'M' | 'F';
  /** First 6 digits. */
  regionCode: string;
  /** See regionNameForIdCode: the most precise known name, '' if the province is unknown. */
  regionName: string;
  /** A legacy 15-digit number was converted to 18 digits. */
  convertedFrom15: boolean;
}

export type IdCardResult =
  | { ok: true; value: IdCardInfo; notices: string[] }
  | { ok: false; problem: IdCardProblem; message: string };

const EARLIEST_BIRTH_DATE = '1900-01-01';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Trims and removes every inner space (incl. U+3000, NBSP, tabs), converts full-width characters to ASCII and
 * lower-case x to X. A leading apostrophe is dropped too: clerks type '230102... to stop Excel turning the number
 * into a float, and the apostrophe is sometimes pasted along.
 */
export function normalizeIdNumber(raw: string): string {
  return stripAllSpaces(toHalfWidth(raw))
    .replace(/^['‘’`]+/, '')
    .replace(/x/g, 'X');
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits. Throws unless given exactly 17 digits. */
export function idChecksumChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`idChecksumChar needs 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Age in whole years on `onDate`. Someone born on 29 February becomes a year older on 1 March in common years
 * (the birthday has not "happened" on 28 February). Negative when onDate is before birthDate.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  if (!birth || !on) throw new Error(`ageOn: invalid date ${JSON.stringify(birth ? onDate : birthDate)}`);
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/**
 * Hides the part of the number that identifies the person: '230102********123X' (first 6 + 8 stars + last 4).
 * Shorter strings keep less: 11+ characters keep 6 + 4, 5-10 keep the first and last 2, up to 4 are all stars.
 */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  const n = s.length;
  if (n <= 4) return '*'.repeat(n);
  const [head, tail] = n >= 11 ? [6, 4] : [2, 2];
  return s.slice(0, head) + '*'.repeat(n - head - tail) + s.slice(n - tail);
}

function fail(problem: IdCardProblem, message: string): IdCardResult {
  return { ok: false, problem, message };
}

/** Excel shows a long number typed into a general cell as 2.30102E+17 and keeps only 15 significant digits. */
const EXCEL_SCIENTIFIC = /^[+-]?\d+(\.\d*)?E[+-]?\d+$/i;

/** The checks that only look at the characters, before the number is read as region/date/sequence. */
function checkShape(id: string): IdCardResult | null {
  if (id === '') return fail('EMPTY', '请填写身份证号码。');
  if (EXCEL_SCIENTIFIC.test(id)) {
    return fail(
      'EXCEL_NUMBER',
      '身份证号码被 Excel 当成了数字（显示为科学计数法，如 2.30102E+17），后几位数字已经丢失，无法恢复。' +
        '请在 Excel 中把这一列设置为“文本”格式，再对照身份证重新输入号码。',
    );
  }
  if (!/^[0-9X]+$/.test(id)) {
    return fail('FORMAT', '身份证号码只能由数字组成，最后一位可以是字母 X。请删除其中的汉字、字母或符号后重新输入。');
  }
  if (id.length !== 18 && id.length !== 15) {
    return fail(
      'LENGTH',
      `身份证号码应为18位，现在是${id.length}位。请对照身份证检查是否漏输或多输了数字。`,
    );
  }
  if (id.length === 15 && id.includes('X')) {
    return fail('FORMAT', '15位的老身份证号码只能由数字组成，不能有 X。请对照身份证重新输入。');
  }
  if (id.length === 18 && id.slice(0, 17).includes('X')) {
    return fail('FORMAT', '身份证号码只有最后一位可以是 X，前17位必须是数字。请对照身份证重新输入。');
  }
  return null;
}

function chineseDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}年${Number(yyyymmdd.slice(4, 6))}月${Number(yyyymmdd.slice(6, 8))}日`;
}

/** Region and birth date checks; returns the birth date as 'YYYY-MM-DD' or a failure. */
function checkRegionAndDate(id18: string, today: string): IdCardResult | string {
  if (provinceName(id18) === null) {
    return fail(
      'REGION',
      `身份证号码前两位“${id18.slice(0, 2)}”不是我国任何省份的代码，号码可能输错了。请对照身份证核对前6位。`,
    );
  }
  const digits = id18.slice(6, 14);
  const birthDate = toIsoDate(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
  if (birthDate === null) {
    return fail(
      'DATE',
      `身份证号码第7到14位是出生日期，“${digits}”不是一个存在的日期。请对照身份证核对出生日期部分。`,
    );
  }
  // Both sides are valid zero-padded ISO dates here (built by toIsoDate, checked by the caller), which compare as
  // strings in calendar order: compareDates would validate them again, four date parses per number.
  if (birthDate < EARLIEST_BIRTH_DATE) {
    return fail('DATE', `身份证号码中的出生日期是${chineseDate(digits)}，早于1900年，不可能正确。请对照身份证核对第7到14位。`);
  }
  if (birthDate > today) {
    return fail(
      'FUTURE',
      `身份证号码中的出生日期是${chineseDate(digits)}，晚于今天，不可能正确。请对照身份证核对第7到14位；` +
        '如果号码没有错，请检查电脑的日期是否正确。',
    );
  }
  return birthDate;
}

/**
 * Reads an ID number as typed or pasted by a clerk. Normalises it, converts a legacy 15-digit number, and checks
 * characters, length, province, birth date (exists, from 1900-01-01, not after `today`) and the check character.
 */
export function parseIdNumber(raw: string, options: { today?: string } = {}): IdCardResult {
  const today = options.today ?? todayIso();
  if (options.today !== undefined && !isValidIsoDate(today)) throw new Error(`parseIdNumber: invalid today ${JSON.stringify(today)}`);

  const normalized = normalizeIdNumber(raw);
  const shapeProblem = checkShape(normalized);
  if (shapeProblem) return shapeProblem;

  const convertedFrom15 = normalized.length === 15;
  const id18 = convertedFrom15 ? convert15To18(normalized) : normalized;
  const birthDate = checkRegionAndDate(id18, today);
  if (typeof birthDate !== 'string') return birthDate;

  if (!convertedFrom15 && idChecksumChar(id18.slice(0, 17)) !== id18.charAt(17)) {
    return fail('CHECKSUM', checksumMessage(id18));
  }

  const regionCode = id18.slice(0, 6);
  const notices = convertedFrom15
    ? [`输入的是15位老身份证号码，已自动转换为18位：${id18}。请与本人现在使用的身份证核对。`]
    : [];
  return {
    ok: true,
    value: {
      idNumber: id18,
      birthDate,
      sex: Number(id18.charAt(16)) % 2 === 1 ? 'M' : 'F',
      regionCode,
      regionName: regionNameForIdCode(regionCode),
      convertedFrom15,
    },
    notices,
  };
}

/**
 * Excel keeps 15 significant digits, so an ID number stored as a number comes back ending in '000' with a wrong
 * check character; say so, because retyping from the same spreadsheet would repeat the damage. The expected check
 * character is never shown: a clerk would "fix" the last digit when the error is elsewhere.
 */
function checksumMessage(id18: string): string {
  if (id18.endsWith('000')) {
    return (
      '身份证号码有误：最后一位校验码与前面的数字对不上。号码以“000”结尾，很可能是 Excel 把它当成数字后丢掉了最后几位。' +
      '请在 Excel 中把这一列设置为“文本”格式，再对照身份证重新输入。'
    );
  }
  return '身份证号码有误：最后一位校验码与前面的数字对不上，说明有数字输错或前后颠倒。请对照身份证逐位核对后重新输入。';
}

/** 15-digit numbers (issued before 1999) carry a 2-digit year of the 1900s and no check character. */
function convert15To18(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idChecksumChar(first17);
}

