/**
 * Suggestions for a value that names no entry (issue #14 item 2): aliases, containment, pinyin, edit distance,
 * ranked in that order; and the resolver that groups values by distinct text and applies one decision per value.
 */
import { describe, expect, it } from 'vitest';
import { NAMED_NATIONAL_PLATFORMS } from '../../src-shared/reference-data';
import { derivedAliases, editDistance, suggest, type MatchCandidate } from '../../src-main/core/import/value-match';
import { HUKOU_TARGETS, ValueResolver } from '../../src-main/core/import/value-resolver';

const PLATFORMS: MatchCandidate[] = [
  ...NAMED_NATIONAL_PLATFORMS.map((p, i) => ({ target: `p${i}`, name: p.name, aliases: derivedAliases(p.name, p.url) })),
  { target: 'county', name: '黑龙江省职业技能提升网', aliases: derivedAliases('黑龙江省职业技能提升网') },
  { target: 'demo', name: '【演示】示例平台甲', aliases: derivedAliases('【演示】示例平台甲') },
];
const top = (value: string) => suggest(value, PLATFORMS)[0];

describe('suggest: ranking of directory entries for a clerk\'s spelling', () => {
  it('finds the platform a short name is contained in: 学习强国 -> “学习强国”技能频道', () => {
    expect(top('学习强国')).toMatchObject({ name: '“学习强国”技能频道' });
    expect(['别名', '包含']).toContain(top('学习强国')!.why);
  });

  it('takes a part of a name as an alias: 技能强国 -> 技能强国-全国产业工人技能学习平台', () => {
    expect(top('技能强国')).toMatchObject({ target: 'p1', why: '别名', score: 0.95 });
  });

  it('matches the web address a clerk wrote instead of the name', () => {
    expect(top('tech-skills')).toMatchObject({ target: 'p0', why: '别名' });
  });

  it('finds a homophone typed with the wrong characters by its pinyin', () => {
    expect(top('中国职业培训再线')).toMatchObject({ target: 'p3' });
    expect(suggest('中国职业培训再线', PLATFORMS)[0]!.why).toMatch(/拼音相同|字形相近/);
    expect(suggest('黑龙江省职业技能提生网', PLATFORMS)[0]).toMatchObject({ target: 'county' });
  });

  it('ignores the demo mark and full-width forms, spaces and quotes', () => {
    expect(top('示例平台甲')).toMatchObject({ target: 'demo' });
    expect(top(' “学习强国” ')).toMatchObject({ target: 'p2' });
  });

  it('ranks an alias above containment above a near spelling, and returns at most three', () => {
    const ranked = suggest('技能强国', PLATFORMS, 10);
    expect(ranked[0]!.target).toBe('p1');
    expect(ranked.map((s) => s.score)).toEqual([...ranked.map((s) => s.score)].sort((a, b) => b - a));
    expect(suggest('平台', PLATFORMS).length).toBeLessThanOrEqual(3);
  });

  it('suggests nothing for a value unlike every entry, or an empty one', () => {
    expect(suggest('快手', PLATFORMS)).toEqual([]);
    expect(suggest('   ', PLATFORMS)).toEqual([]);
  });

  it('edit distance counts code points', () => {
    expect(editDistance('学习强国', '学习强国')).toBe(0);
    expect(editDistance('学习强国', '学习强果')).toBe(1);
    expect(editDistance('', '技能')).toBe(2);
    expect(editDistance('𠀋a', 'a')).toBe(1);
  });

  it('户籍 words: 非农业 is urban, 农业户口 rural', () => {
    expect(suggest('非农业户口', HUKOU_TARGETS)[0]).toMatchObject({ target: 'urban' });
    expect(suggest('农业户口', HUKOU_TARGETS)[0]).toMatchObject({ target: 'rural' });
  });
});

describe('ValueResolver: one decision per distinct value', () => {
  const lists = { platforms: [{ id: '00000000-0000-4000-8000-000000000001', name: '“学习强国”技能频道' }], occupations: [] };

  it('groups rows by value (loosely compared) with counts and first row; undecided rows get a reason', () => {
    const r = new ValueResolver('trainees', lists);
    expect(r.resolve('platform', '学习强国', 2)).toMatchObject({ ok: false, reason: expect.stringMatching(/逐个值选择/) });
    r.resolve('platform', ' 学习强国 ', 3);
    r.resolve('platform', '学习强国', 3); // the same row twice counts once
    r.resolve('platform', '示例平台乙', 4);
    const summary = r.summary();
    expect(summary.map((g) => [g.value, g.rows, g.firstRow])).toEqual([['学习强国', 2, 2], ['示例平台乙', 1, 4]]);
    expect(summary[0]!.suggestions[0]).toMatchObject({ target: lists.platforms[0]!.id });
    expect(summary[0]!.allowed).toEqual(['map', 'new', 'empty']);
    expect(r.undecidedCount()).toBe(2);
  });

  it('applies map (by id or by name), new (one id for all its rows) and empty', () => {
    const r = new ValueResolver('trainees', lists, [
      { field: 'platform', value: '学习强国', action: 'map', target: '“学习强国”技能频道' },
      { field: 'platform', value: '示例平台乙', action: 'new' },
      { field: 'platform', value: '其他', action: 'empty' },
      { field: 'categories', value: '脱贫户', action: 'map', target: '建档立卡贫困劳动力' },
    ]);
    expect(r.resolve('platform', '学习强国', 2)).toEqual({ ok: true, value: lists.platforms[0]!.id });
    const first = r.resolve('platform', '示例平台乙', 3);
    const second = r.resolve('platform', '示例平台乙', 4);
    expect(first).toEqual(second);
    expect(r.newPlatforms()).toEqual([{ id: (first as { value: string }).value, name: '示例平台乙' }]);
    expect(r.resolve('platform', '其他', 5)).toEqual({ ok: true, value: null });
    expect(r.resolve('categories', '脱贫户', 5)).toEqual({ ok: true, value: 'poverty_registered' });
    expect(r.choicesToKeep().map((c) => [c.field, c.value, c.action])).toEqual([
      ['platform', '学习强国', 'map'],
      ['platform', '示例平台乙', 'map'],
      ['platform', '其他', 'empty'],
      ['categories', '脱贫户', 'map'],
    ]);
  });

  it('refuses a decision the field does not allow, or a target not in the lists', () => {
    expect(() => new ValueResolver('trainees', lists, [{ field: 'categories', value: 'x', action: 'new' }])).toThrow(/只有培训平台可以新增/);
    expect(() => new ValueResolver('enrolments', lists, [{ field: 'platform', value: 'x', action: 'empty' }])).toThrow(/必须填写/);
    expect(() => new ValueResolver('trainees', lists, [{ field: 'platform', value: 'x', action: 'map', target: '不存在的平台' }])).toThrow(/不在目录中/);
  });

  it('uses remembered choices, ignores one whose target left the directory, and lets this import override', () => {
    const remembered = [
      { field: 'platform' as const, valueKey: '学习强国', value: '学习强国', action: 'map' as const, target: lists.platforms[0]!.id, updatedAt: '2026-12-01' },
      { field: 'platform' as const, valueKey: '旧平台', value: '旧平台', action: 'map' as const, target: 'gone', updatedAt: '2026-12-01' },
      { field: 'platform' as const, valueKey: '其他', value: '其他', action: 'empty' as const, target: null, updatedAt: '2026-12-01' },
    ];
    const r = new ValueResolver('trainees', lists, [{ field: 'platform', value: '其他', action: 'new' }], remembered);
    expect(r.resolve('platform', '学习强国', 2)).toMatchObject({ ok: true });
    expect(r.resolve('platform', '旧平台', 3)).toMatchObject({ ok: false });
    expect(r.summary().find((g) => g.value === '学习强国')!.decision).toMatchObject({ remembered: true });
    expect(r.resolve('platform', '其他', 4)).toMatchObject({ ok: true, value: expect.any(String) });
    // Remembered ones are not written again; this import's own are.
    expect(r.choicesToKeep().map((c) => c.value)).toEqual(['其他']);
  });
});
