/**
 * TanStack Query hooks over the staff contract. A query's key is its route's name and input, so what
 * a mutation makes stale is read from its contract entry (`invalidates`: route names), never guessed.
 */
import { QueryClient, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { staffContract, type StaffAnswer, type StaffInput, type StaffQueryName, type StaffRouteName } from '../../../src-shared/staff-contract';
import type { AuditFilter } from '../../../src-shared/audit-api';
import type { LoginAnswer } from '../../../src-shared/staff-login-api';
import { sessionStore } from './session';
import { staffCall } from './staff-client';
import { StaffApiError } from './staff-error';

export const staffKeys = { all: ['staff'] as const };

/** The key of a query: ['staff', route name, input]; ['staff', route name] is the prefix its invalidation uses. */
export function staffQueryKey<N extends StaffQueryName>(name: N, input?: StaffInput<N>): QueryKey {
  return input === undefined ? ['staff', name] : ['staff', name, input];
}

/** The server is across the network: retry a lost connection a few times, never a refusal. */
export function createStaffQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => error instanceof StaffApiError && error.code === 'OFFLINE' && failureCount < 3,
        staleTime: 15_000,
      },
      mutations: { retry: false },
    },
  });
}

function useStaffQuery<N extends StaffQueryName>(name: N, input: StaffInput<N>, enabled = true) {
  const call = staffCall as (name: N, input: StaffInput<N>) => Promise<StaffAnswer<N>>;
  return useQuery({ queryKey: staffQueryKey(name, input), queryFn: () => call(name, input), enabled });
}

/** A mutation of route `name`; on success the queries its entry names are refetched. */
function useStaffMutation<N extends StaffRouteName, V>(name: N, toInput: (variables: V) => StaffInput<N>) {
  const queryClient = useQueryClient();
  const call = staffCall as (name: N, input: StaffInput<N>) => Promise<StaffAnswer<N>>;
  return useMutation({
    mutationFn: (variables: V) => call(name, toInput(variables)),
    onSuccess: () => Promise.all(staffContract[name].invalidates.map((query) => queryClient.invalidateQueries({ queryKey: ['staff', query] }))),
  });
}

/** Starts the tab's session when a login step answers `done`; answers the step, pending or done. */
export function startIfDone(answer: LoginAnswer): LoginAnswer {
  if (answer.stage === 'done') sessionStore.start({ token: answer.token, user: answer.user, idleTimeoutMs: answer.idleTimeoutMs, passwordExpiresAt: answer.passwordExpiresAt });
  return answer;
}

export function useLogin() {
  return useMutation({
    mutationFn: (input: { name: string; password: string }) => staffCall('auth.login', { body: input }),
  });
}

export function useAudit(filter: AuditFilter) {
  return useStaffQuery('audit.list', { query: filter });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => staffCall('auth.logout'),
    // Logged out here whatever the server said: the token is forgotten, and with it every cached answer.
    onSettled: () => {
      sessionStore.end();
      queryClient.clear();
    },
  });
}

export function usePeriods() {
  return useStaffQuery('periods.list', {});
}

export function useBoard(period: string | null, city: string | null) {
  return useStaffQuery('board.get', { query: { period: period ?? '', city: city ?? undefined } }, period !== null);
}

export function useRollup(period: string | null, city: string | null) {
  return useStaffQuery('rollup.get', { query: { period: period ?? '', city: city ?? undefined } }, period !== null);
}

export function useRollupHtml(period: string, city: string | null, enabled: boolean) {
  return useStaffQuery('rollup.preview', { query: { period, city: city ?? undefined } }, enabled);
}

/** The submitted city report as print HTML (the preview); fetched only while the preview is open. */
export function useCityReportHtml(city: string, period: string, enabled: boolean) {
  return useStaffQuery('city.preview', { params: { city, period } }, enabled);
}

export function useReview() {
  return useStaffMutation('reports.review', (input: { countyCode: string; period: string; decision: 'accept' | 'return'; comment: string | null }) => ({
    params: { county: input.countyCode, period: input.period, decision: input.decision },
    body: { comment: input.comment },
  }));
}

export function useCitySubmit() {
  return useStaffMutation('city.submit', (input: { city: string; period: string; note: string | null; forceReason: string | null }) => ({
    params: { city: input.city, period: input.period },
    body: { note: input.note, forceReason: input.forceReason },
  }));
}

export function useReportDetail(county: string | null, period: string) {
  return useStaffQuery('reports.detail', { params: { county: county ?? '', period } }, county !== null);
}

export function useCorrections(period: string | null, city: string | null) {
  return useStaffQuery('corrections.list', { query: { period: period ?? '', city: city ?? undefined } }, period !== null);
}

export function useDecideCorrection() {
  return useStaffMutation('corrections.decide', (input: { id: string; decision: 'grant' | 'refuse'; comment: string | null }) => ({
    params: { id: input.id, decision: input.decision },
    body: { comment: input.comment },
  }));
}

export function useCityReview() {
  return useStaffMutation('city.review', (input: { city: string; period: string; decision: 'accept' | 'return'; comment: string | null }) => ({
    params: { city: input.city, period: input.period, decision: input.decision },
    body: { comment: input.comment },
  }));
}

export function useProgress(city: string | null) {
  return useStaffQuery('progress.get', { query: { city: city ?? undefined } });
}

export function useDuplicates(city: string | null) {
  return useStaffQuery('duplicates.list', { query: { city: city ?? undefined } });
}

/** The province marks a case 已核查: the counties involved are then told each other's names. */
export function useMarkDuplicateReviewed() {
  return useStaffMutation('duplicates.markReviewed', (caseKey: string) => ({ params: { caseKey } }));
}

/** 显示完整号码: one trainee's full ID number (recorded in the 操作日志 on the server). */
export function useRevealIdNumber() {
  return useStaffMutation('trainees.revealIdNumber', (traineeId: string) => ({ params: { id: traineeId } }));
}

export function usePlatforms() {
  return useStaffQuery('platforms.list', {});
}

export type PlatformInput = StaffInput<'platforms.save'>['body'];

export function useSavePlatform() {
  return useStaffMutation('platforms.save', (input: PlatformInput) => ({ body: input }));
}

export function useRemovePlatform() {
  return useStaffMutation('platforms.remove', (id: string) => ({ params: { id } }));
}

export function useCheckRules() {
  return useStaffQuery('rules.list', {});
}

export type NewRuleInput = StaffInput<'rules.add'>['body'];

export function useAddRule() {
  return useStaffMutation('rules.add', (body: NewRuleInput) => ({ body }));
}

export function useDisableRule() {
  return useStaffMutation('rules.disable', (id: string) => ({ params: { id } }));
}

export type CalendarInput = StaffInput<'periods.publish'>['body']['periods'];

export function usePublishCalendar() {
  return useStaffMutation('periods.publish', (periods: CalendarInput) => ({ body: { periods } }));
}

/** 导入U盘文件: the carried file's bytes as they are; refetches what the imported batches change. */
export function useImportCarried() {
  return useStaffMutation('carried.import', (bytes: Uint8Array) => ({ body: bytes }));
}

export function useReceiveShortCode() {
  return useStaffMutation('codes.receive', (code: string) => ({ body: { code } }));
}
