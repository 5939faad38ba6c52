/**
 * The province's check rules (issue #15 item 3): listed beside the built-in R001-R003, added from a small set of
 * kinds (the body is the zod union of check-rules.ts, so nothing a form sends becomes code), and disabled. Each
 * change is published in the same transaction to the counties through the period calendar's feed, where a PC tells
 * a rule from a period by its `rule` field. Definitions are never edited: a submission's stored outcomes are judged
 * by the rule it ran.
 */
import type { Knex } from 'knex';
import { BUILT_IN_RULES, readRule, type CheckRule, type NewRule } from '../../src-shared/domain/check-rules';
import type { CheckRuleRow } from '../../src-shared/staff-api';
import { isUniqueViolation } from '../../src-node/sqlite-errors';
import { isPostgres } from '../db';
import { appendFeed } from '../repositories/feed-repository';
import { fail, ok, type StaffResult } from './staff-result';
import type { StaffUser } from './staff-scope';

const PROVINCE_ONLY = '只有省级账号可以查看和修改检查规则';

interface RuleRow {
  id: string;
  definition: string;
  enabled: number;
  created_at: string;
  created_by: string;
  disabled_at: string | null;
}

type Db = Knex | Knex.Transaction;

/** Every rule the server ever had, by id, in force or not: what a stored outcome may name. */
export async function allRules(db: Db): Promise<Map<string, CheckRule>> {
  const rules = new Map(BUILT_IN_RULES.map((r) => [r.id, r]));
  for (const row of await db('staff_check_rules').select<RuleRow[]>('id', 'definition')) {
    const read = readRule(JSON.parse(row.definition));
    if (read?.known) rules.set(read.rule.id, read.rule);
  }
  return rules;
}

/** The rules in force that are checked where city reports are made (city_sum). */
export async function cityRulesInForce(db: Db): Promise<CheckRule[]> {
  const rows = await db('staff_check_rules').where({ enabled: 1, kind: 'city_sum' }).select<RuleRow[]>('id', 'definition');
  return rows.flatMap((row) => {
    const read = readRule(JSON.parse(row.definition));
    return read?.known ? [read.rule] : [];
  });
}

export async function listRules(db: Knex, user: StaffUser): Promise<StaffResult<{ rules: CheckRuleRow[] }>> {
  if (user.role !== 'province') return fail('FORBIDDEN', PROVINCE_ONLY);
  const builtIn: CheckRuleRow[] = BUILT_IN_RULES.map((rule) => ({ rule, builtIn: true, enabled: true, createdAt: null, createdBy: null, disabledAt: null }));
  const rows = await db('staff_check_rules').orderBy('id').select<RuleRow[]>('id', 'definition', 'enabled', 'created_at', 'created_by', 'disabled_at');
  return ok({ rules: [...builtIn, ...rows.flatMap(rowOf)] });
}

/**
 * Two province accounts adding at once must not take the same P-number: on PostgreSQL a transaction-scoped advisory
 * lock makes the count-then-insert run one at a time (SQLite has one writer); should a same-numbered insert still
 * collide on the key, it counts again (bounded) instead of answering 500.
 */
const RULE_NUMBER_LOCK = 725_302;
const ADD_RULE_ATTEMPTS = 5;

export async function addRule(db: Knex, user: StaffUser, input: NewRule, now: Date): Promise<StaffResult<CheckRuleRow>> {
  if (user.role !== 'province') return fail('FORBIDDEN', PROVINCE_ONLY);
  const at = now.toISOString();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return ok(rowOf(await insertNumbered(db, user, input, at))[0]!);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= ADD_RULE_ATTEMPTS) throw error;
    }
  }
}

/** The next P-number is one more than the rules so far: rules are never deleted, so numbers never repeat. */
function insertNumbered(db: Knex, user: StaffUser, input: NewRule, at: string): Promise<RuleRow> {
  return db.transaction(async (trx) => {
    if (isPostgres(trx)) await trx.raw('SELECT pg_advisory_xact_lock(?)', [RULE_NUMBER_LOCK]);
    const count = Number((await trx('staff_check_rules').count<Array<{ n: number | string }>>({ n: '*' }))[0]?.n ?? 0);
    const rule = { ...input, id: `P${String(count + 1).padStart(3, '0')}-${input.kind.replaceAll('_', '-')}` } as CheckRule;
    const stored: RuleRow = { id: rule.id, definition: JSON.stringify(rule), enabled: 1, created_at: at, created_by: user.name, disabled_at: null };
    await trx('staff_check_rules').insert({ ...stored, kind: rule.kind, severity: rule.severity });
    await publish(trx, rule, true, at);
    return stored;
  });
}

export async function disableRule(db: Knex, user: StaffUser, id: string, now: Date): Promise<StaffResult<CheckRuleRow>> {
  if (user.role !== 'province') return fail('FORBIDDEN', PROVINCE_ONLY);
  if (BUILT_IN_RULES.some((r) => r.id === id)) return fail('CONFLICT', '内置规则不能停用；如需放宽，请新增一条提示规则并说明');
  const at = now.toISOString();
  const row = await db.transaction(async (trx) => {
    const found = await trx('staff_check_rules').where({ id }).first<RuleRow | undefined>('id', 'definition', 'enabled', 'created_at', 'created_by', 'disabled_at');
    if (!found || found.enabled === 0) return found ?? null;
    await trx('staff_check_rules').where({ id }).update({ enabled: 0, disabled_at: at, disabled_by: user.name });
    await publish(trx, JSON.parse(found.definition) as CheckRule, false, at);
    return { ...found, enabled: 0, disabled_at: at };
  });
  if (!row) return fail('NOT_FOUND', '没有这条检查规则');
  return ok(rowOf(row)[0]!);
}

function publish(trx: Knex.Transaction, rule: CheckRule, enabled: boolean, at: string): Promise<void> {
  return appendFeed(trx, [{ dataset: 'periods', countyCode: null, itemId: rule.id, payload: { rule, enabled } }], at);
}

function rowOf(row: RuleRow): CheckRuleRow[] {
  const read = readRule(JSON.parse(row.definition));
  if (!read?.known) return [];
  return [{ rule: read.rule, builtIn: false, enabled: Number(row.enabled) === 1, createdAt: row.created_at, createdBy: row.created_by, disabledAt: row.disabled_at }];
}
