/**
 * Suggestions for a value that names no directory entry exactly ('学习强国' for the platform “学习强国”技能频道):
 * candidates ranked by how a clerk's short, old or mistyped name relates to the entry's. In order of strength:
 * an alias (a part of the name, its web address, a name the clerk chose before), containment either way, the
 * same pinyin (a homophone typed with the wrong character), then edit distance on the characters.
 */
import { pinyin } from 'pinyin-pro';
import { looseName } from './cells';

export interface MatchCandidate {
  /** What a decision maps to: a platform or occupation id, a category code, 'rural'/'urban'. */
  target: string;
  name: string;
  /** Other names the entry is known by (already loose or not: they are compared loosely). */
  aliases?: readonly string[];
}

export interface Suggestion {
  target: string;
  name: string;
  /** 0..1, higher is closer. */
  score: number;
  /** Why it was suggested, in the clerk's words. */
  why: '别名' | '包含' | '拼音相同' | '字形相近';
}

const MIN_SCORE = 0.34;

/** Names within names: '技能强国-全国产业工人技能学习平台' is also '技能强国'; a demo mark is not part of the name. */
export function derivedAliases(name: string, url?: string | null): string[] {
  const unmarked = name.replace(/^【[^】]*】/, '');
  const parts = unmarked.split(/[-—–－·|｜/（）()]+/).filter((p) => p.length >= 2);
  const quoted = [...unmarked.matchAll(/[“"「《]([^”"」》]{2,})[”"」》]/g)].map((m) => m[1]!);
  const host = url ? (/^(?:https?:\/\/)?(?:www\.)?([^/.]+)/i.exec(url)?.[1] ?? '') : '';
  return [...new Set([unmarked, ...parts, ...quoted, ...(host.length >= 3 ? [host] : [])])];
}

const pinyinCache = new Map<string, string>();
function pinyinOf(text: string): string {
  let known = pinyinCache.get(text);
  if (known === undefined) {
    known = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
    if (pinyinCache.size > 5000) pinyinCache.clear();
    pinyinCache.set(text, known);
  }
  return known;
}

/** Levenshtein distance over code points; the strings here are names of a few dozen characters. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

function lengthRatio(a: string, b: string): number {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.length === 0 ? 0 : [...short].length / [...long].length;
}

/** How close `value` is to one candidate, and why; null when not close at all. */
function scoreOne(value: string, candidate: MatchCandidate): Omit<Suggestion, 'target' | 'name'> | null {
  const name = looseName(candidate.name);
  const aliases = (candidate.aliases ?? []).map(looseName).filter((a) => a !== '' && a !== name);
  if (aliases.includes(value)) return { score: 0.95, why: '别名' };
  const containing = [name, ...aliases].filter((n) => n.includes(value) || value.includes(n));
  if (containing.length > 0 && Math.min(value.length, name.length) >= 2) {
    const best = Math.max(...containing.map((n) => lengthRatio(n, value)));
    return { score: 0.7 + 0.2 * best, why: '包含' };
  }
  const sound = pinyinOf(value);
  if (sound.length >= 4 && [name, ...aliases].some((n) => pinyinOf(n) === sound)) return { score: 0.68, why: '拼音相同' };
  const closest = Math.min(...[name, ...aliases].map((n) => editDistance(value, n) / Math.max([...value].length, [...n].length)));
  const similarity = 1 - closest;
  return similarity >= 0.5 ? { score: 0.65 * similarity, why: '字形相近' } : null;
}

/** The best `limit` candidates for a value, strongest first; ties keep the candidates' order. */
export function suggest(value: string, candidates: readonly MatchCandidate[], limit = 3): Suggestion[] {
  const loose = looseName(value);
  if (loose === '') return [];
  const scored: Suggestion[] = [];
  for (const candidate of candidates) {
    const score = scoreOne(loose, candidate);
    if (score && score.score >= MIN_SCORE) scored.push({ target: candidate.target, name: candidate.name, ...score });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, limit);
}
