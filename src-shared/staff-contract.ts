/**
 * The staff contract: every route of the staff API (/api/v1/staff/*), declared once. The server
 * registers its routes from this table (src-server/staff/staff-registry.ts) and the staff UI calls
 * them by name (src-renderer/staff/api/staff-client.ts); test/contract/staff-routes.test.ts walks it.
 *
 * An entry says: method and path; the schemas of its path parameters, query and body (nothing
 * reaches a service unchecked); what it answers (a schema of `data`, or a file); who may call it
 * (no one logged in for the login, else the roles, and which field names the city a city account is
 * held to); and which of the UI's query data a successful call makes stale.
 */
import { z } from 'zod';
import {
  boardSchema,
  checkRuleRowSchema,
  checkRulesSchema,
  cityReportAnswerSchema,
  correctionAnswerSchema,
  correctionsSchema,
  historySchema,
  reportDetailSchema,
  levelSettingsSchema,
  directoryPlatformSchema,
  directorySchema,
  duplicatesSchema,
  periodsSchema,
  progressSchema,
  reviewAnswerSchema,
  revealedIdNumberSchema,
  rollupSchema,
  STAFF_ROLES,
  staffUserSchema,
  tableHtmlSchema,
  type StaffRole,
} from './staff-api';
import { auditListSchema, auditQuery, type AuditAction } from './audit-api';
import { CARRIED_UPLOAD_MAX_BYTES, carriedImportSchema } from './carried-upload-api';
import { newRuleBody } from './domain/check-rules';
import { shortCodeBody, shortCodeReceivedSchema } from './short-code-api';
import { enrolDoneSchema, enrolStartSchema, loginAnswerSchema, type SessionStage } from './staff-login-api';
import {
  calendarBody,
  caseParams,
  cityQuery,
  cityReportParams,
  cityReviewParams,
  citySubmitBody,
  codeBody,
  commentBody,
  correctionParams,
  fileUploadBody,
  historyQuery,
  idParams,
  levelSettingsBody,
  loginBody,
  passwordBody,
  periodQuery,
  platformBody,
  reviewBody,
  reportParams,
  reviewParams,
  ruleParams,
  traineeParams,
} from './staff-requests';

export const STAFF_API_PREFIX = '/api/v1/staff';

export type StaffMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The field of a request that names a city (or a county, whose city counts): a city account naming
 * another city is refused with 403 before any service runs.
 */
export interface StaffCityScope {
  from: 'params' | 'query' | 'body';
  field: string;
  unit: 'city' | 'county';
}

export interface StaffRouteDef {
  method: StaffMethod;
  /** Below STAFF_API_PREFIX, with `:name` parameters, as Fastify writes them. */
  path: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The schema of `data` in `{ok:true,data}`; null for a file download. */
  answer: z.ZodType | null;
  /** A file download instead of JSON: the type it is sent as. */
  file: 'xlsx' | 'pdf' | null;
  /** Who may call it; empty: no session needed (the login). */
  roles: readonly StaffRole[];
  /** Set when a city account is held to its own city by a field of the request. */
  cityScope: StaffCityScope | null;
  /** Why a role outside `roles` is refused, in Chinese. */
  forbiddenMessage?: string;
  /** Names of the GET routes whose data the UI refetches after this call succeeds. */
  invalidates: readonly string[];
  /** A second rate limit on what the request names: the login's per-name limit. */
  subjectLimit?: 'login-name';
  /** The stages of a login whose session may call it (default: only a full session). */
  stages?: readonly SessionStage[];
  /** The audit trail's action for this call: the registrar records it, with its outcome, after the handler. */
  audit?: AuditAction;
  /**
   * A file upload: the body is the file's bytes (application/octet-stream), refused above `maxBytes` from its
   * Content-Length before it is read, and only after the session is checked (no unauthenticated body is read).
   */
  upload?: { maxBytes: number; tooLargeMessage: string };
}

const ANY_STAFF = STAFF_ROLES;
const PROVINCE = ['province'] as const;
const RULES_FORBIDDEN = '只有省级账号可以查看和修改检查规则';
const CITY = ['city'] as const;
const byCity = { from: 'query', field: 'city', unit: 'city' } as const;
const ANY_STAGE = ['full', 'second-factor', 'enrol', 'change-password'] as const;
const cityInPath = { from: 'params', field: 'city', unit: 'city' } as const;
const LEVEL_VIEWS = ['board.get', 'rollup.get', 'rollup.preview', 'reports.history', 'reports.detail', 'corrections.list'] as const;

function route<const D extends StaffRouteDef>(def: D): D {
  return def;
}

export const staffContract = {
  /** Step 1 of a login: name and password. Answers a token for the next step (second factor or its enrolment). Per-address and per-name rate limits. */
  'auth.login': route({ method: 'POST', path: '/login', body: loginBody, answer: loginAnswerSchema, file: null, roles: [], cityScope: null, invalidates: [], subjectLimit: 'login-name' }),
  /** Step 2: a TOTP code (or a recovery code), counted in the same lockout as the password. */
  'auth.secondFactor': route({ method: 'POST', path: '/login/second-factor', body: codeBody, answer: loginAnswerSchema, file: null, roles: STAFF_ROLES, cityScope: null, invalidates: [], stages: ['second-factor'] }),
  /** First login: a new authenticator secret (QR code and text). */
  'auth.enrolStart': route({ method: 'POST', path: '/login/enrol', answer: enrolStartSchema, file: null, roles: STAFF_ROLES, cityScope: null, invalidates: [], stages: ['enrol'] }),
  /** First login: the authenticator's first code binds it; answers the ten recovery codes, once. */
  'auth.enrolConfirm': route({ method: 'POST', path: '/login/enrol/confirm', body: codeBody, answer: enrolDoneSchema, file: null, roles: STAFF_ROLES, cityScope: null, invalidates: [], stages: ['enrol'] }),
  /** A new password: after expiry in the login, or from a full session with the current one. */
  'auth.changePassword': route({ method: 'POST', path: '/password', body: passwordBody, answer: loginAnswerSchema, file: null, roles: STAFF_ROLES, cityScope: null, invalidates: [], stages: ['full', 'change-password'] }),
  /** Ends this session on the server (a pending step's too). */
  'auth.logout': route({ method: 'POST', path: '/logout', answer: z.object({ loggedOut: z.boolean() }), file: null, roles: ANY_STAFF, cityScope: null, invalidates: [], stages: ANY_STAGE }),
  /** Who this session belongs to. */
  'auth.me': route({ method: 'GET', path: '/me', answer: staffUserSchema, file: null, roles: ANY_STAFF, cityScope: null, invalidates: [] }),
  /** The completeness board of a period: each county's report standing and last sync. */
  'board.get': route({ method: 'GET', path: '/board', query: periodQuery, answer: boardSchema, file: null, roles: ANY_STAFF, cityScope: byCity, invalidates: [] }),
  /** The roll-up table of a period (the city's, or the province's by city). */
  'rollup.get': route({ method: 'GET', path: '/rollup', query: periodQuery, answer: rollupSchema, file: null, roles: ANY_STAFF, cityScope: byCity, invalidates: [] }),
  /** The roll-up table as the HTML the PDF is printed from (the print preview). */
  'rollup.preview': route({ method: 'GET', path: '/rollup.html', query: periodQuery, answer: tableHtmlSchema, file: null, roles: ANY_STAFF, cityScope: byCity, invalidates: [] }),
  /** The roll-up table as .xlsx. */
  'rollup.xlsx': route({ method: 'GET', path: '/rollup.xlsx', query: periodQuery, answer: null, file: 'xlsx', roles: ANY_STAFF, cityScope: byCity, invalidates: [], audit: 'export.rollup' }),
  /** The roll-up table as PDF (503 when the server has no browser to print with). */
  'rollup.pdf': route({ method: 'GET', path: '/rollup.pdf', query: periodQuery, answer: null, file: 'pdf', roles: ANY_STAFF, cityScope: byCity, invalidates: [], audit: 'export.rollup' }),
  /** Accepts or returns (with a comment) a county's report of a period. */
  'reports.review': route({
    method: 'POST',
    path: '/reports/:county/:period/:decision',
    params: reviewParams,
    body: reviewBody,
    answer: reviewAnswerSchema,
    file: null,
    roles: ANY_STAFF,
    cityScope: { from: 'params', field: 'county', unit: 'county' },
    invalidates: LEVEL_VIEWS,
    audit: 'report.reviewed',
  }),
  /** One county report before its reviewer decides: each figure computed, adjusted (with the reason) and sent, the 强制上报说明, the decision, the history. */
  'reports.detail': route({ method: 'GET', path: '/reports/:county/:period', params: reportParams, answer: reportDetailSchema, file: null, roles: ANY_STAFF, cityScope: { from: 'params', field: 'county', unit: 'county' }, invalidates: [] }),
  /** The history of a period's reports (who, when, why), the same for every level: a city's, or one county's with its city report. */
  'reports.history': route({ method: 'GET', path: '/reports/history', query: historyQuery, answer: historySchema, file: null, roles: ANY_STAFF, cityScope: { from: 'query', field: 'county', unit: 'county' }, invalidates: [] }),
  /** Correction requests (更正申请) of a period in the user's scope, with whether this user's level decides each. */
  'corrections.list': route({ method: 'GET', path: '/corrections', query: periodQuery, answer: correctionsSchema, file: null, roles: ANY_STAFF, cityScope: byCity, invalidates: [] }),
  /** Grants (reopening that county's report) or refuses a correction request. */
  'corrections.decide': route({ method: 'POST', path: '/corrections/:id/:decision', params: correctionParams, body: commentBody, answer: correctionAnswerSchema, file: null, roles: ANY_STAFF, cityScope: null, invalidates: LEVEL_VIEWS, audit: 'correction.decided' }),
  /** The city submits its city report (roll-up of its accepted county reports) to the province; 强制上报 with a reason naming missing counties. */
  'city.submit': route({
    method: 'POST',
    path: '/city-reports/:city/:period/submit',
    params: cityReportParams,
    body: citySubmitBody,
    answer: cityReportAnswerSchema,
    file: null,
    roles: CITY,
    cityScope: cityInPath,
    forbiddenMessage: '只有市级账号可以上报市级报表',
    invalidates: LEVEL_VIEWS,
    audit: 'city_report.submitted',
  }),
  /** The city takes back its city report before the province has decided. */
  'city.withdraw': route({
    method: 'POST',
    path: '/city-reports/:city/:period/withdraw',
    params: cityReportParams,
    body: commentBody,
    answer: cityReportAnswerSchema,
    file: null,
    roles: CITY,
    cityScope: cityInPath,
    forbiddenMessage: '只有市级账号可以撤回市级报表',
    invalidates: LEVEL_VIEWS,
    audit: 'city_report.withdrawn',
  }),
  /** The province accepts or returns (with a reason) a city report. */
  'city.review': route({
    method: 'POST',
    path: '/city-reports/:city/:period/review/:decision',
    params: cityReviewParams,
    body: commentBody,
    answer: cityReportAnswerSchema,
    file: null,
    roles: PROVINCE,
    cityScope: null,
    forbiddenMessage: '只有省级账号可以审核市级报表',
    invalidates: LEVEL_VIEWS,
    audit: 'city_report.reviewed',
  }),
  /** The city report as submitted, as the HTML the PDF is printed from (the print preview). */
  'city.preview': route({ method: 'GET', path: '/city-reports/:city/:period/table.html', params: cityReportParams, answer: tableHtmlSchema, file: null, roles: ANY_STAFF, cityScope: cityInPath, invalidates: [] }),
  /** The city report as submitted, as .xlsx. */
  'city.xlsx': route({ method: 'GET', path: '/city-reports/:city/:period/table.xlsx', params: cityReportParams, answer: null, file: 'xlsx', roles: ANY_STAFF, cityScope: cityInPath, invalidates: [], audit: 'export.city_report' }),
  /** The city report as submitted, as PDF (503 when the server has no browser to print with). */
  'city.pdf': route({ method: 'GET', path: '/city-reports/:city/:period/table.pdf', params: cityReportParams, answer: null, file: 'pdf', roles: ANY_STAFF, cityScope: cityInPath, invalidates: [], audit: 'export.city_report' }),
  /** The province's reporting settings (counties of a city without a city account straight to the province). */
  'levels.settings': route({ method: 'GET', path: '/settings/levels', answer: levelSettingsSchema, file: null, roles: ANY_STAFF, cityScope: null, invalidates: [] }),
  /** Changes the province's reporting settings; the province only. */
  'levels.saveSettings': route({
    method: 'PUT',
    path: '/settings/levels',
    body: levelSettingsBody,
    answer: levelSettingsSchema,
    file: null,
    roles: PROVINCE,
    cityScope: null,
    forbiddenMessage: '只有省级账号可以修改上报设置',
    invalidates: ['levels.settings', ...LEVEL_VIEWS],
    audit: 'settings.changed',
  }),
  /** ID numbers registered in two or more counties, masked. */
  'duplicates.list': route({ method: 'GET', path: '/duplicates', query: cityQuery, answer: duplicatesSchema, file: null, roles: ANY_STAFF, cityScope: byCity, invalidates: [] }),
  /** The same list as .xlsx. */
  'duplicates.xlsx': route({ method: 'GET', path: '/duplicates.xlsx', query: cityQuery, answer: null, file: 'xlsx', roles: ANY_STAFF, cityScope: byCity, invalidates: [], audit: 'export.duplicates' }),
  /**
   * 显示完整号码: one trainee's full ID number. The province sees any county's, a city account its own counties'
   * (the service judges the trainee's county: the request names only the row). Every call, refused or not, is
   * written to the 操作日志 with who, when and which trainee.
   */
  'trainees.revealIdNumber': route({
    method: 'POST',
    path: '/trainees/:id/id-number',
    params: traineeParams,
    answer: revealedIdNumberSchema,
    file: null,
    roles: ANY_STAFF,
    cityScope: null,
    invalidates: ['audit.list'],
    audit: 'reveal',
  }),
  /** The province marks a case 已核查: the counties involved are then told each other's names. */
  'duplicates.markReviewed': route({
    method: 'POST',
    path: '/duplicates/:caseKey/reviewed',
    params: caseParams,
    answer: z.object({ caseKey: z.string(), reviewedAt: z.string() }),
    file: null,
    roles: PROVINCE,
    cityScope: null,
    forbiddenMessage: '只有省级账号可以标记已核查',
    invalidates: ['duplicates.list'],
    audit: 'duplicate.reviewed',
  }),
  /** The province's platform directory (a city sees the national, provincial and its own city's). */
  'platforms.list': route({ method: 'GET', path: '/platforms', answer: directorySchema, file: null, roles: ANY_STAFF, cityScope: null, invalidates: [] }),
  /** Adds or changes a directory platform; a city account only its own city's city-level ones. */
  'platforms.save': route({
    method: 'POST',
    path: '/platforms',
    body: platformBody,
    answer: directoryPlatformSchema,
    file: null,
    roles: ANY_STAFF,
    cityScope: { from: 'body', field: 'cityCode', unit: 'city' },
    invalidates: ['platforms.list'],
    audit: 'platform.saved',
  }),
  /** Removes a directory platform (published to the counties as deleted). */
  'platforms.remove': route({ method: 'DELETE', path: '/platforms/:id', params: idParams, answer: z.object({ id: z.string() }), file: null, roles: ANY_STAFF, cityScope: null, invalidates: ['platforms.list'], audit: 'platform.removed' }),
  /** The period calendar in force. */
  'periods.list': route({ method: 'GET', path: '/periods', answer: periodsSchema, file: null, roles: ANY_STAFF, cityScope: null, invalidates: [] }),
  /** Replaces the period calendar (published to the counties); the province only. */
  'periods.publish': route({
    method: 'PUT',
    path: '/periods',
    body: calendarBody,
    answer: periodsSchema,
    file: null,
    roles: PROVINCE,
    cityScope: null,
    forbiddenMessage: '只有省级账号可以修改调度日历',
    invalidates: ['periods.list', 'board.get', 'rollup.get', 'rollup.preview', 'progress.get'],
    audit: 'periods.published',
  }),
  /** The check rules a county runs before 上报: built in and the province's (issue #15 item 3); the province only. */
  'rules.list': route({ method: 'GET', path: '/rules', answer: checkRulesSchema, file: null, roles: PROVINCE, cityScope: null, forbiddenMessage: RULES_FORBIDDEN, invalidates: [] }),
  /** Adds a rule of one of the kinds, numbered P001-... and published to the counties with the calendar. */
  'rules.add': route({
    method: 'POST',
    path: '/rules',
    body: newRuleBody,
    answer: checkRuleRowSchema,
    file: null,
    roles: PROVINCE,
    cityScope: null,
    forbiddenMessage: RULES_FORBIDDEN,
    invalidates: ['rules.list'],
    audit: 'rule.added',
  }),
  /** Takes a province rule out of force (published as disabled; its definition stays for the stored outcomes). */
  'rules.disable': route({
    method: 'POST',
    path: '/rules/:id/disable',
    params: ruleParams,
    answer: checkRuleRowSchema,
    file: null,
    roles: PROVINCE,
    cityScope: null,
    forbiddenMessage: RULES_FORBIDDEN,
    invalidates: ['rules.list'],
    audit: 'rule.disabled',
  }),
  /** Registrations against the target, by period, city, category and occupation. */
  'progress.get': route({ method: 'GET', path: '/progress', query: cityQuery, answer: progressSchema, file: null, roles: ANY_STAFF, cityScope: byCity, invalidates: [] }),
  /**
   * A carried file (U盘文件, issue #16) from a county with no line: verified as `server-admin import-batches`
   * verifies it, applied as a push would be; a city account only for its own counties. Answers each batch's
   * fate and the signed receipt for the county.
   */
  'carried.import': route({
    method: 'POST',
    path: '/carried-files',
    body: fileUploadBody,
    answer: carriedImportSchema,
    file: null,
    roles: ANY_STAFF,
    cityScope: null,
    invalidates: ['board.get', 'rollup.get', 'rollup.preview', 'progress.get', 'duplicates.list'],
    audit: 'carried.imported',
    upload: { maxBytes: CARRIED_UPLOAD_MAX_BYTES, tooLargeMessage: `文件超过 ${CARRIED_UPLOAD_MAX_BYTES / 1024 / 1024} MB，不是本程序导出的未上报数据文件，未导入任何数据` },
  }),
  /**
   * 录入短码 (issue #16): a county's five figures as the short code read over the phone or by SMS, checked (check
   * character, MAC of an enrolled PC of the county, newer than what is here) and recorded as 已收到（短码） until the
   * full report reconciles it; a city account only for its own counties. Answers the receipt code for the clerk.
   */
  'codes.receive': route({
    method: 'POST',
    path: '/short-codes',
    body: shortCodeBody,
    answer: shortCodeReceivedSchema,
    file: null,
    roles: ANY_STAFF,
    cityScope: null,
    invalidates: ['board.get'],
    audit: 'short_code.received',
  }),
  /** The 操作日志: staff actions (and, as they arrive, the counties'), filtered; the province only. */
  'audit.list': route({ method: 'GET', path: '/audit', query: auditQuery, answer: auditListSchema, file: null, roles: PROVINCE, cityScope: null, forbiddenMessage: '只有省级账号可以查看操作日志', invalidates: [] }),
  /** The same rows as .xlsx (the export is itself recorded). */
  'audit.xlsx': route({ method: 'GET', path: '/audit.xlsx', query: auditQuery, answer: null, file: 'xlsx', roles: PROVINCE, cityScope: null, forbiddenMessage: '只有省级账号可以导出操作日志', invalidates: [], audit: 'export.audit' }),
};

export type StaffContract = typeof staffContract;
export type StaffRouteName = keyof StaffContract;
export const STAFF_ROUTE_NAMES = Object.keys(staffContract) as StaffRouteName[];

export function isStaffRouteName(name: string): name is StaffRouteName {
  return Object.hasOwn(staffContract, name);
}

/** The routes that answer JSON to a GET: the UI's queries, the only things a call can invalidate. */
export type StaffQueryName = { [N in StaffRouteName]: StaffContract[N] extends { method: 'GET'; file: null } ? N : never }[StaffRouteName];
type Invalidated = { [N in StaffRouteName]: StaffContract[N]['invalidates'][number] }[StaffRouteName];
// A compile error here names an `invalidates` entry that is not a query of this table.
const invalidatesOnlyQueries: [Invalidated] extends [StaffQueryName] ? true : never = true;
void invalidatesOnlyQueries;

type PartOf<K extends 'params' | 'query' | 'body', D> = D extends { [P in K]: infer S extends z.ZodType } ? { [P in K]: z.input<S> } : { [P in K]?: undefined };

/** What a caller sends to route `N`: its path parameters, query and body, typed from the schemas. */
export type StaffInput<N extends StaffRouteName> = PartOf<'params', StaffContract[N]> & PartOf<'query', StaffContract[N]> & PartOf<'body', StaffContract[N]>;
/** The parsed input a handler of route `N` receives. */
export type StaffParsed<N extends StaffRouteName> = {
  [K in 'params' | 'query' | 'body']: StaffContract[N] extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;
};
/** What route `N` answers as `data` (JSON routes). */
export type StaffAnswer<N extends StaffRouteName> = StaffContract[N]['answer'] extends infer S extends z.ZodType ? z.output<S> : never;

/** The URL of a call below the server's origin: path parameters filled in (encoded), defined query values appended. */
export function staffUrl(name: StaffRouteName, input: { params?: Record<string, string>; query?: Record<string, string | null | undefined> } = {}): string {
  const path = staffContract[name].path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    const value = input.params?.[key];
    if (value === undefined) throw new Error(`staffUrl(${name}): parameter ${key} missing`);
    return encodeURIComponent(value);
  });
  return `${STAFF_API_PREFIX}${path}${queryString(input.query ?? {})}`;
}

/** `?a=1&b=2` of the defined, non-empty values, or ''. No URLSearchParams: src-shared has neither DOM nor Node types. */
export function queryString(values: Record<string, string | null | undefined>): string {
  const pairs = Object.entries(values).filter((pair): pair is [string, string] => Boolean(pair[1]));
  const text = pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  return text ? `?${text}` : '';
}
