import type { StaffRole } from '../../../src-shared/staff-api';

/** The staff screens, in menu order; the key is also the address fragment (#/board). */
export const STAFF_ROUTES = [
  { key: 'board', label: '报送情况', roles: ['province', 'city'] },
  { key: 'rollup', label: '汇总调度表', roles: ['province', 'city'] },
  { key: 'progress', label: '培训进度', roles: ['province', 'city'] },
  { key: 'duplicates', label: '跨县重复登记', roles: ['province', 'city'] },
  { key: 'directory', label: '平台目录', roles: ['province', 'city'] },
  { key: 'carried', label: '导入U盘文件', roles: ['province', 'city'] },
  { key: 'codes', label: '录入短码', roles: ['province', 'city'] },
  { key: 'calendar', label: '调度日历', roles: ['province'] },
  { key: 'rules', label: '检查规则', roles: ['province'] },
  { key: 'audit', label: '操作日志', roles: ['province'] },
] as const satisfies ReadonlyArray<{ key: string; label: string; roles: readonly StaffRole[] }>;

export type StaffRouteKey = (typeof STAFF_ROUTES)[number]['key'];

export function routesFor(role: StaffRole) {
  return STAFF_ROUTES.filter((r) => (r.roles as readonly StaffRole[]).includes(role));
}

export function staffRouteFromHash(hash: string): StaffRouteKey {
  const key = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return STAFF_ROUTES.find((route) => route.key === key)?.key ?? 'board';
}
