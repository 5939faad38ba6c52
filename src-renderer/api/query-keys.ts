/**
 * Query keys, grouped by the entity a `data.changed` event names, so one event invalidates exactly
 * the lists it affects (TanStack Query matches keys by prefix).
 */
export const queryKeys = {
  status: ['status'] as const,
  /** The operator lock: locked, or who is logged in (session.state). */
  session: ['session'] as const,
  appInfo: ['app-info'] as const,
  settings: ['settings'] as const,
  operators: ['operators'] as const,
  units: (filter: { level?: string; parentCode?: string }) => ['units', filter] as const,
  trainees: ['trainees'] as const,
  traineeLists: ['trainees', 'list'] as const,
  traineeList: (input: object) => ['trainees', 'list', input] as const,
  trainee: (id: string) => ['trainees', 'one', id] as const,
  traineeHistory: (id: string) => ['trainees', 'history', id] as const,
  traineeLookups: ['trainees', 'lookup'] as const,
  traineeLookup: (idNumber: string | null) => ['trainees', 'lookup', idNumber] as const,
  enrolments: ['enrolments'] as const,
  enrolmentList: (input: object) => ['enrolments', 'list', input] as const,
  platforms: ['platforms'] as const,
  occupations: ['occupations'] as const,
  periods: ['periods'] as const,
  dispatch: ['dispatch'] as const,
  dispatchList: ['dispatch', 'list'] as const,
  dispatchReport: (periodId: string) => ['dispatch', 'report', periodId] as const,
  tableHtml: (periodId: string) => ['dispatch', 'table-html', periodId] as const,
};
