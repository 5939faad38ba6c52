/**
 * The 操作日志 (province only): the audit trail read with the page's filters (county or city,
 * operator, action, China dates), newest first, a page at a time, and the same rows as .xlsx. Dates
 * are the province's calendar days (UTC+8), as the staff read them.
 */
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { AUDIT_PAGE_SIZE, auditActionLabel, type AuditFilter, type AuditRow } from '../../src-shared/audit-api';
import { countyDisplayName } from '../staff/staff-scope';
import type { StaffHandlers } from '../staff/staff-registry';
import { ok } from '../staff/staff-result';
import { findUnit } from '../../src-shared/domain/units';

/** More than a year of a busy province's logins; a larger export is narrowed with the filters. */
export const AUDIT_EXPORT_MAX = 100_000;

const chinaMidnight = (date: string, days = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();

function filtered(db: Knex, f: AuditFilter): Knex.QueryBuilder {
  const q = db('audit_log');
  if (f.county) {
    // A city code takes its counties; a county code itself.
    if (findUnit(f.county)?.level === 'city') q.where('county_code', 'like', `${f.county.slice(0, 4)}%`);
    else q.where('county_code', f.county);
  }
  if (f.operator) q.whereRaw('lower(actor) = ?', [f.operator.toLowerCase()]);
  if (f.action) q.where('action', f.action);
  if (f.source === 'county') q.where('actor_kind', 'county');
  if (f.source === 'staff') q.whereNot('actor_kind', 'county');
  if (f.from) q.where('at', '>=', chinaMidnight(f.from));
  if (f.to) q.where('at', '<', chinaMidnight(f.to, 1));
  return q;
}

interface StoredRow {
  id: string;
  chain: string;
  seq: number | string;
  at: string;
  actor_kind: string;
  actor: string | null;
  actor_role: string | null;
  county_code: string | null;
  action: string;
  target: string | null;
  outcome: string;
  detail: string;
  address: string | null;
}

function toRow(r: StoredRow): AuditRow {
  return {
    id: r.id,
    chain: r.chain,
    seq: Number(r.seq),
    at: r.at,
    actorKind: r.actor_kind,
    actor: r.actor,
    actorRole: r.actor_role,
    countyCode: r.county_code,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    detail: r.detail,
    address: r.address,
  };
}

export async function listAudit(db: Knex, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number; page: number; pageSize: number }> {
  const page = f.page ?? 1;
  const counted = (await filtered(db, f).count({ n: '*' }).first()) as { n: number | string } | undefined;
  const rows = (await filtered(db, f).orderBy([{ column: 'at', order: 'desc' }, { column: 'seq', order: 'desc' }]).limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE)) as StoredRow[];
  return { rows: rows.map(toRow), total: Number(counted?.n ?? 0), page, pageSize: AUDIT_PAGE_SIZE };
}

/** `2020-04-20 10:00:00` in China time. */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}


export async function auditXlsx(db: Knex, f: AuditFilter, created: Date): Promise<Buffer> {
  const rows = (await filtered(db, f).orderBy([{ column: 'at', order: 'desc' }, { column: 'seq', order: 'desc' }]).limit(AUDIT_EXPORT_MAX)) as StoredRow[];
  const book = new ExcelJS.Workbook();
  book.creator = 'Skills Desk server';
  book.created = created;
  const sheet = book.addWorksheet('操作日志');
  sheet.columns = [
    { header: '时间（北京时间）', width: 20 },
    { header: '操作人', width: 16 },
    { header: '角色', width: 8 },
    { header: '操作', width: 16 },
    { header: '结果', width: 14 },
    { header: '涉及单位', width: 22 },
    { header: '对象', width: 28 },
    { header: '来源地址', width: 18 },
    { header: '详情', width: 50 },
    { header: '链', width: 10 },
    { header: '序号', width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const role = r.actor_role === 'province' ? '省级' : r.actor_role === 'city' ? '地市' : r.actor_kind === 'admin' ? '管理员' : r.actor_kind === 'county' ? '县级' : '';
    // Text cells only: a value that begins with = stays text in Excel, never a formula.
    const cells = [chinaTime(r.at), r.actor ?? '', role, auditActionLabel(r.action, r.actor_kind), r.outcome === 'ok' ? '成功' : r.outcome, r.county_code ? countyDisplayName(r.county_code) : '', r.target ?? '', r.address ?? '', r.detail, r.chain, Number(r.seq)];
    const row = sheet.addRow(cells);
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') cell.value = { richText: [{ text: cell.value }] };
    });
  }
  if (rows.length === AUDIT_EXPORT_MAX) sheet.addRow([`仅导出最新的 ${AUDIT_EXPORT_MAX} 条；更早的请缩小日期范围后分批导出`]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function auditHandlers(db: Knex, now: () => Date): Pick<StaffHandlers, 'audit.list' | 'audit.xlsx'> {
  return {
    'audit.list': async ({ query }) => ok(await listAudit(db, query)),
    'audit.xlsx': async ({ query }) => ok({ fileName: `操作日志-${chinaTime(now().toISOString()).slice(0, 10)}.xlsx`, bytes: await auditXlsx(db, query, now()) }),
  };
}
