/**
 * How county clerks write platform names in their rosters (issue #14): 25 spellings of the five national
 * platforms (short names, old names, a typo with the same pinyin, a web address) and five county platforms not in
 * the directory yet (target null: added as new). Used by the CLI test and the import benchmark.
 */
import { NAMED_NATIONAL_PLATFORMS } from '../../src-shared/reference-data';

const [ITSKILLS, JINENG, XUEXI, ZHIPEI, RENSHI] = NAMED_NATIONAL_PLATFORMS.map((p) => p.name) as [string, string, string, string, string];

export const PLATFORM_SPELLINGS: ReadonlyArray<readonly [spelling: string, target: string | null]> = [
  ['学习强国', XUEXI], ['学习强国频道', XUEXI], ['学习强国APP', XUEXI], ['强国技能频道', XUEXI], ['学习强国平台', XUEXI],
  ['技能强国', JINENG], ['技能强国平台', JINENG], ['全国产业工人技能学习平台', JINENG], ['技能强国APP', JINENG], ['产业工人学习平台', JINENG],
  ['中国职业培训在线网', ZHIPEI], ['职业培训在线', ZHIPEI], ['中国职业培训再线', ZHIPEI], ['职培在线', ZHIPEI], ['中国职业培训', ZHIPEI],
  ['工信部技能人才平台', ITSKILLS], ['工业和信息化技术技能人才学习平台', ITSKILLS], ['工信技能人才网', ITSKILLS], ['tech-skills', ITSKILLS], ['工业和信息化技能平台', ITSKILLS],
  ['国家人事人才培训网', RENSHI], ['人事人才培训网', RENSHI], ['中国人事人才培训', RENSHI], ['chinanet', RENSHI], ['国家人才培训网', RENSHI],
  ['县就业服务平台', null], ['县家政培训平台', null], ['县电商培训平台', null], ['县农技学堂', null], ['县养老护理培训网', null],
];

/** The decisions a clerk makes for them: map to the national platform, or add the county's own. */
export function spellingDecisions(): Array<{ field: 'platform'; value: string; action: 'map'; target: string } | { field: 'platform'; value: string; action: 'new' }> {
  return PLATFORM_SPELLINGS.map(([value, target]) => (target === null ? { field: 'platform', value, action: 'new' } : { field: 'platform', value, action: 'map', target }));
}
