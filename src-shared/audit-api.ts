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
} as const;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
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
  action: z.enum(AUDIT_ACTIONS, { error: '没有这种操作类型' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
});
export type AuditFilter = z.infer<typeof auditQuery>;
