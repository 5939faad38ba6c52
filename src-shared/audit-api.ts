/**
 * The 操作日志 as the staff API answers it: the actions recorded (with their Chinese names), a row as
 * the page shows it, and the page's filters.
 */
import { z } from 'zod';
import { isValidIsoDate } from './domain/dates';

export const AUDIT_ACTION_LABELS = {
  'login.ok': '登录成功',
  'login.failed': '登录失败',
  'login.locked': '账号锁定',
  'second_factor.failed': '动态码错误',
  'second_factor.enrolled': '绑定动态口令',
  'second_factor.recovery_used': '使用恢复码',
  'second_factor.reset': '重置动态口令',
  logout: '退出登录',
  'password.changed': '修改密码',
  'password.change_failed': '修改密码失败',
  'account.added': '新增账号',
  'account.disabled': '停用账号',
  'settings.changed': '修改安全设置',
  'report.reviewed': '审核报表',
  'city_report.submitted': '上报市级报表',
  'city_report.withdrawn': '撤回市级报表',
  'city_report.reviewed': '审核市级报表',
  'correction.decided': '审批更正申请',
  'duplicate.reviewed': '重复登记已核查',
  'platform.saved': '保存平台',
  'platform.removed': '删除平台',
  'periods.published': '发布调度日历',
  'rule.added': '新增检查规则',
  'rule.disabled': '停用检查规则',
  'export.rollup': '导出汇总表',
  'export.city_report': '导出市级报表',
  'export.duplicates': '导出重复登记',
  'export.audit': '导出操作日志',
  'carried.imported': '导入U盘文件',
  'short_code.received': '录入短码',
  reveal: '查看完整号码',
  // Written by the server when a county PC's audit rows arrive with a break in their chain (src-server/audit/county-audit-receive.ts).
  'audit.chain_broken': '链条断裂',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/**
 * The actions of a county PC's audit rows (src-main: the ChangeSet's and recordAuditOnly's `action`), as the 操作日志
 * names them; a PC action not listed here (a newer PC) is shown as it came.
 */
export const COUNTY_AUDIT_ACTION_LABELS = {
  create: '县级新增',
  update: '县级修改',
  delete: '县级删除',
  reveal: '县级查看完整号码',
  view: '县级查看学员',
  setup: '县级首次设置',
  adopt: '县级采用平台',
  adjust: '县级调整数字',
  adjust_withdraw: '县级撤回调整',
  submit: '县级上报报表',
  submit_forced: '县级强制上报',
  correction_request: '县级申请更正',
  login: '县级操作员登录',
  login_failed: '县级口令错误',
  login_locked: '县级操作员锁定',
  pin_set: '县级设置口令',
  pin_changed: '县级修改口令',
  'sync.discard': '县级放弃未接收的修改',
  export_unsent: '县级导出U盘文件',
  export_full_numbers: '县级导出完整号码',
  import_trainees: '县级导入学员',
  import_enrolments: '县级导入培训记录',
  backup_created: '县级备份',
} as const;
export type CountyAuditAction = keyof typeof COUNTY_AUDIT_ACTION_LABELS;
// `reveal` is a staff action too: the filter lists it once, and it finds both.
export const COUNTY_AUDIT_ACTIONS = (Object.keys(COUNTY_AUDIT_ACTION_LABELS) as CountyAuditAction[]).filter((a) => !(a in AUDIT_ACTION_LABELS));

/** The Chinese name of a row's action: a county row's by the county list, a staff row's by the staff list. */
export function auditActionLabel(action: string, actorKind: string): string {
  const labels: Record<string, string> = actorKind === 'county' ? COUNTY_AUDIT_ACTION_LABELS : AUDIT_ACTION_LABELS;
  return labels[action] ?? action;
}
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];

export const auditRowSchema = z.object({
  id: z.string(),
  chain: z.string(),
  seq: z.number(),
  at: z.string(),
  actorKind: z.string(),
  actor: z.string().nullable(),
  actorRole: z.string().nullable(),
  countyCode: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.string(),
  detail: z.string(),
  address: z.string().nullable(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const AUDIT_PAGE_SIZE = 50;
export const auditListSchema = z.object({ rows: z.array(auditRowSchema), total: z.number(), page: z.number(), pageSize: z.number() });

const isoDate = z.string().refine(isValidIsoDate, { error: '日期格式应为 YYYY-MM-DD' });
export const auditQuery = z.object({
  county: z.string().regex(/^\d{6}$/, { error: '代码应为 6 位数字' }).optional(),
  operator: z.string().trim().max(64).optional(),
  action: z.enum([...AUDIT_ACTIONS, ...COUNTY_AUDIT_ACTIONS], { error: '没有这种操作类型' }).optional(),
  /** Whose rows: the provincial staff's (and the server's), or the county PCs' that came by sync. */
  source: z.enum(['staff', 'county']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
});
export type AuditFilter = z.infer<typeof auditQuery>;
