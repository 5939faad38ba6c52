/** Plausible demo people: names, valid ID numbers for a region, mobile numbers, categories. */
import type { PersonCategory } from '../../../src-shared/domain/categories';
import { addDays } from '../../../src-shared/domain/dates';
import { idChecksumChar } from '../../../src-shared/domain/id-card';
import type { SeededRandom } from './random';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '英', '华', '玉', '兰', '萍', '红', '鹏', '辉', '建', '国', '海', '波', '宇', '浩', '凯', '雪', '梅', '琳', '晶', '婷', '欣', '颖', '佳', '龙', '飞', '鑫', '东', '亮', '志', '春', '燕', '文', '斌', '宁', '博', '峰', '新', '丹', '阳', '成', '林', '瑶', '璐'];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '176', '177', '180', '181', '182', '185', '186', '187', '188', '189', '198'];

export function demoName(random: SeededRandom): string {
  const given = random.chance(0.7) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
  return random.pick(SURNAMES) + given;
}

/** A valid 18-digit number for the region, born between 1962 and 2002, unique by the sequence given. */
export function demoIdNumber(random: SeededRandom, regionCode: string, sequence: number): { idNumber: string; male: boolean } {
  const birth = addDays('1962-01-01', random.int(0, 40 * 365)).replace(/-/g, '');
  // The 3-digit sequence is the low part of a running counter, so numbers never repeat within a run.
  const seq = String(sequence % 1000).padStart(3, '0');
  const first17 = regionCode + birth + seq;
  return { idNumber: first17 + idChecksumChar(first17), male: Number(seq[2]) % 2 === 1 };
}

export function demoPhone(random: SeededRandom): string {
  return random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0');
}

const CATEGORY_WEIGHTS: ReadonlyArray<[PersonCategory, number]> = [
  ['returning_employee', 18],
  ['awaiting_post', 8],
  ['rural_migrant', 22],
  ['unemployed', 12],
  ['college_graduate', 10],
  ['school_leaver', 7],
  ['poverty_registered', 8],
  ['employment_difficulty', 6],
  ['zero_employment_family', 3],
  ['urban_min_allowance', 6],
];
const TOTAL_WEIGHT = CATEGORY_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

function weightedCategory(random: SeededRandom): PersonCategory {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const [category, weight] of CATEGORY_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return category;
  }
  return 'rural_migrant';
}

export function demoCategories(random: SeededRandom): PersonCategory[] {
  const first = weightedCategory(random);
  if (!random.chance(0.3)) return [first];
  const second = weightedCategory(random);
  return second === first ? [first] : [first, second];
}
