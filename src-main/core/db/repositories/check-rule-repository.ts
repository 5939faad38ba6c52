/**
 * The rules a county PC runs before 上报: the built-in R001-R003 and the province's rules as they arrived by sync
 * (check_rules). A rule of a kind this version does not know is stored as unknown: it is listed as skipped on the
 * report page and with the submission, and never run.
 */
import type { Knex } from 'knex';
import { BUILT_IN_RULES, readRule, type CheckRule, type ReadRule } from '../../../../src-shared/domain/check-rules';
import type { SkippedRule } from '../../../../src-shared/domain/run-rules';

type Db = Knex | Knex.Transaction;

interface RuleRow {
  id: string;
  kind: string;
  definition: string;
  known: number;
  enabled: number;
}

export interface RulesInForce {
  rules: CheckRule[];
  skipped: SkippedRule[];
}

export class CheckRuleRepository {
  constructor(private readonly db: Db) {}

  /** Built-in rules first, then the province's in force, by id; unknown kinds apart. */
  async inForce(trx: Db = this.db): Promise<RulesInForce> {
    const rows = await trx('check_rules').where({ enabled: 1 }).orderBy('id').select<RuleRow[]>('id', 'kind', 'definition', 'known', 'enabled');
    const rules: CheckRule[] = [...BUILT_IN_RULES];
    const skipped: SkippedRule[] = [];
    for (const row of rows) {
      // Read again rather than trusted: a row stored as known by an older build is still checked whole.
      const read = readRule(safeJson(row.definition));
      if (read?.known) rules.push(read.rule);
      else skipped.push({ ruleId: row.id, kind: row.kind });
    }
    return { rules, skipped };
  }

  /** Stores a published rule (known or not), replacing what was there. */
  async store(read: ReadRule, definition: unknown, enabled: boolean, now: string, trx: Db = this.db): Promise<void> {
    const id = read.known ? read.rule.id : read.id;
    const kind = read.known ? read.rule.kind : read.kind;
    const values = { kind, definition: JSON.stringify(definition), known: read.known ? 1 : 0, enabled: enabled ? 1 : 0, updated_at: now };
    await trx('check_rules').insert({ id, ...values }).onConflict('id').merge();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
