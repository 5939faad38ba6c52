/** The work screens, in menu order; the key is also the address fragment (#/trainees). */
export const ROUTES = [
  { key: 'trainees', label: '学员登记' },
  { key: 'enrolments', label: '培训记录' },
  { key: 'import', label: '数据导入导出' },
  { key: 'platforms', label: '平台目录' },
  { key: 'periods', label: '双周调度' },
  { key: 'sync', label: '数据同步' },
  { key: 'settings', label: '设置' },
] as const;

export type RouteKey = (typeof ROUTES)[number]['key'];

export const DEFAULT_ROUTE: RouteKey = 'trainees';

export function routeFromHash(hash: string): RouteKey {
  const key = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((route) => route.key === key)?.key ?? DEFAULT_ROUTE;
}
