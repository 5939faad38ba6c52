/**
 * Values of fixed-list columns (platform, occupation, person category, 户籍) that match no entry, decided once per
 * distinct value, never per row. A dry run makes one resolver: each unmatched value becomes a group with its row
 * count; a decision of this import (or one remembered from an earlier import of the county) maps it to an entry,
 * adds it as a new county-level platform, or leaves the field empty where that is allowed. Values without a
 * decision make their rows invalid, with a reason that says where to decide.
 */
import { randomUUID } from 'node:crypto';
import { categoryKeywords, PERSON_CATEGORIES } from '../../../src-shared/domain/categories';
import { platformCreateInput } from '../../../src-shared/schemas/reference';
import { AppError } from '../../../src-shared/errors';
import { fieldLabel, type ImportDryRun, type ImportKind, type ValueAction, type ValueDecision, type ValueField } from '../../../src-shared/schemas/import';
import type { StoredChoice } from '../db/repositories/value-choice-repository';
import { looseName, type CellResult } from './cells';
import { derivedAliases, suggest, type MatchCandidate } from './value-match';

export interface ListEntry {
  id: string;
  name: string;
  url?: string | null;
}

/** A decision as the resolver applies it: map/empty to a target, or a platform to create with this id. */
interface Applied {
  action: ValueAction;
  target: string | null;
  remembered: boolean;
}

interface Group {
  field: ValueField;
  value: string;
  key: string;
  rows: number;
  firstRow: number;
  lastRow: number;
  applied: Applied | null;
}

/** What a choice to remember looks like when the import commits. */
export interface ChoiceToKeep {
  field: ValueField;
  valueKey: string;
  value: string;
  action: 'map' | 'empty';
  target: string | null;
}

export const HUKOU_TARGETS: readonly MatchCandidate[] = [
  { target: 'rural', name: '农村', aliases: ['农业', '农业户口', '农村户口', '农'] },
  { target: 'urban', name: '城镇', aliases: ['非农业', '非农业户口', '城镇户口', '城市', '城'] },
];

const CATEGORY_TARGETS: readonly MatchCandidate[] = PERSON_CATEGORIES.map((c) => ({ target: c.code, name: c.name, aliases: categoryKeywords(c.code) }));

const WHERE: Record<ValueField, string> = { platform: '平台目录', occupation: '职业目录', categories: '规定的人员类别', ruralHukou: '户籍的两种（农村、城镇）' };

export class ValueResolver {
  private readonly groups = new Map<string, Group>();
  private readonly decided = new Map<string, Applied>();
  private readonly candidates: Record<ValueField, readonly MatchCandidate[]>;
  private readonly names = new Map<string, string>();
  /** New platforms decided in this import: loose name -> id chosen now, so rows and platform agree. */
  private readonly created = new Map<string, { id: string; name: string }>();

  constructor(
    private readonly kind: ImportKind,
    lists: { platforms: readonly ListEntry[]; occupations: readonly ListEntry[] },
    decisions: readonly ValueDecision[] = [],
    remembered: readonly StoredChoice[] = [],
  ) {
    const entries = (list: readonly ListEntry[]) => list.map((e) => ({ target: e.id, name: e.name, aliases: derivedAliases(e.name, e.url) }));
    this.candidates = { platform: entries(lists.platforms), occupation: entries(lists.occupations), categories: CATEGORY_TARGETS, ruralHukou: HUKOU_TARGETS };
    for (const list of Object.values(this.candidates)) for (const c of list) this.names.set(c.target, c.name);
    for (const choice of remembered) {
      // A remembered target that has left the directory is ignored: the value is asked again.
      if (choice.action === 'map' && !this.names.has(choice.target ?? '')) continue;
      this.decided.set(groupKey(choice.field, choice.valueKey), { action: choice.action, target: choice.target, remembered: true });
    }
    for (const decision of decisions) this.decide(decision);
  }

  private decide(decision: ValueDecision): void {
    const label = fieldLabel(this.kind, decision.field);
    if (!this.allowed(decision.field).includes(decision.action)) {
      const what = decision.action === 'new' ? '只有培训平台可以新增到目录' : `${label}必须填写，不能留空`;
      throw AppError.field('decisions', `“${decision.value}”的选择无效：${what}。请改为对应到已有的条目。`);
    }
    const key = looseName(decision.value);
    if (decision.action === 'map') {
      const target = this.targetOf(decision.field, decision.target);
      if (target === null) {
        throw AppError.field('decisions', `“${decision.value}”要对应的${label}“${decision.target}”不在目录中。请重新检查文件后再选择。`);
      }
      this.decided.set(groupKey(decision.field, key), { action: 'map', target, remembered: false });
    } else if (decision.action === 'new') {
      const name = decision.value.replace(/\s+/g, ' ').trim();
      const checked = platformCreateInput.safeParse({ name, url: null, level: 'city' });
      if (!checked.success) throw AppError.field('decisions', `不能把“${decision.value}”新增为平台：${checked.error.issues[0]?.message ?? '名称无效'}。`);
      const platform = this.created.get(key) ?? { id: randomUUID(), name };
      this.created.set(key, platform);
      this.decided.set(groupKey(decision.field, key), { action: 'new', target: platform.id, remembered: false });
    } else {
      this.decided.set(groupKey(decision.field, key), { action: 'empty', target: null, remembered: false });
    }
  }

  /** The name of a platform, occupation, category or household target, or null when it is not in the lists. */
  targetName(target: string): string | null {
    return this.names.get(target) ?? null;
  }

  isTarget(field: ValueField, target: string): boolean {
    return this.candidates[field].some((c) => c.target === target);
  }

  /**
   * A target given by id or code (the UI), or by the entry's name or one of its own aliases (a mapping file or a
   * command-line flag, written by a clerk: “学习强国”技能频道, 农村, 失业人员). null when it names none, or more than one.
   */
  targetOf(field: ValueField, given: string): string | null {
    const list = this.candidates[field];
    if (list.some((c) => c.target === given)) return given;
    const loose = looseName(given);
    const byName = list.filter((c) => looseName(c.name) === loose);
    if (byName.length === 1) return byName[0]!.target;
    const byAlias = list.filter((c) => (c.aliases ?? []).some((a) => looseName(a) === loose));
    return byName.length === 0 && byAlias.length === 1 ? byAlias[0]!.target : null;
  }

  /** new only for platforms; empty only where the field may be empty (not a training record's platform). */
  allowed(field: ValueField): ValueAction[] {
    if (field === 'platform') return this.kind === 'enrolments' ? ['map', 'new'] : ['map', 'new', 'empty'];
    return ['map', 'empty'];
  }

  /**
   * The entry for a value the list did not match: its target (an id, a code, rural/urban), null for empty, or
   * the reason the row cannot go in yet. Counts the row in the value's group.
   */
  resolve(field: ValueField, text: string, row: number): CellResult<string | null> {
    const key = looseName(text);
    const id = groupKey(field, key);
    let group = this.groups.get(id);
    if (!group) {
      group = { field, value: text, key, rows: 0, firstRow: row, lastRow: -1, applied: this.decided.get(id) ?? null };
      this.groups.set(id, group);
    }
    // A row naming the same unknown value twice (two category parts) counts once.
    if (group.lastRow !== row) {
      group.rows += 1;
      group.lastRow = row;
    }
    if (group.applied) return { ok: true, value: group.applied.target };
    const label = fieldLabel(this.kind, field);
    return {
      ok: false,
      reason:
        `${label}“${text}”不在${WHERE[field]}中。请在导入页面“逐个值选择”里为这个值选一次（对应到已有的条目${field === 'platform' ? '、新增为本县平台' : ''}${this.allowed(field).includes('empty') ? '或留空' : ''}），` +
        '所有写着它的行都会照此处理；命令行可用 --map、--mapping 文件。',
    };
  }

  /** Platforms to add to the directory in the import's transaction, before the rows that name them. */
  newPlatforms(): Array<{ id: string; name: string }> {
    const used = new Set([...this.groups.values()].filter((g) => g.applied?.action === 'new').map((g) => g.applied!.target));
    return [...this.created.values()].filter((p) => used.has(p.id));
  }

  /** This import's own decisions for values it met, to remember for the county's next imports. */
  choicesToKeep(): ChoiceToKeep[] {
    return [...this.groups.values()]
      .filter((g) => g.applied && !g.applied.remembered)
      .map((g) => ({ field: g.field, valueKey: g.key, value: g.value, action: g.applied!.action === 'empty' ? 'empty' : 'map', target: g.applied!.target }));
  }

  /** The groups for the dry-run answer, most rows first, with suggestions for every value. */
  summary(): ImportDryRun['values'] {
    return [...this.groups.values()]
      .sort((a, b) => b.rows - a.rows || a.firstRow - b.firstRow)
      .map((g) => ({
        field: g.field,
        label: fieldLabel(this.kind, g.field),
        value: g.value,
        rows: g.rows,
        firstRow: g.firstRow,
        decision: g.applied
          ? {
              action: g.applied.action,
              target: g.applied.target,
              targetName: g.applied.action === 'new' ? g.value : g.applied.target === null ? null : (this.names.get(g.applied.target) ?? null),
              remembered: g.applied.remembered,
            }
          : null,
        suggestions: suggest(g.value, this.candidates[g.field]).map((s) => ({ ...s, score: Math.round(s.score * 100) / 100 })),
        allowed: this.allowed(g.field),
      }));
  }

  undecidedCount(): number {
    let n = 0;
    for (const g of this.groups.values()) if (!g.applied) n += 1;
    return n;
  }
}

function groupKey(field: ValueField, key: string): string {
  return `${field}\u0000${key}`;
}
