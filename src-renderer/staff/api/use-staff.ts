/** TanStack Query hooks over the staff API; every mutation refreshes what it may have changed. */
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  boardSchema,
  directoryPlatformSchema,
  directorySchema,
  duplicatesSchema,
  loginAnswerSchema,
  periodsSchema,
  progressSchema,
  reviewAnswerSchema,
  rollupSchema,
  tableHtmlSchema,
  type ReviewDecision,
} from '../../../src-shared/staff-api';
import { sessionStore } from './session';
import { queryString, staffCall } from './staff-client';
import { StaffApiError } from './staff-error';

export const staffKeys = {
  all: ['staff'] as const,
  periods: ['staff', 'periods'] as const,
  board: (period: string, city: string | null) => ['staff', 'board', period, city] as const,
  rollup: (period: string, city: string | null) => ['staff', 'rollup', period, city] as const,
  rollupHtml: (period: string, city: string | null) => ['staff', 'rollup-html', period, city] as const,
  progress: (city: string | null) => ['staff', 'progress', city] as const,
  duplicates: (city: string | null) => ['staff', 'duplicates', city] as const,
  platforms: ['staff', 'platforms'] as const,
};

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

export function useLogin() {
  return useMutation({
    mutationFn: (input: { name: string; password: string }) => staffCall(loginAnswerSchema, '/login', { method: 'POST', body: input }),
    onSuccess: (answer) => sessionStore.start({ token: answer.token, user: answer.user }),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => staffCall(z.object({ loggedOut: z.boolean() }), '/logout', { method: 'POST', body: {} }),
    // Logged out here whatever the server said: the token is forgotten either way.
    onSettled: () => {
      sessionStore.end();
      queryClient.clear();
    },
  });
}

export function usePeriods() {
  return useQuery({ queryKey: staffKeys.periods, queryFn: () => staffCall(periodsSchema, '/periods') });
}

export function useBoard(period: string | null, city: string | null) {
  return useQuery({
    queryKey: staffKeys.board(period ?? '', city),
    queryFn: () => staffCall(boardSchema, `/board${queryString({ period, city })}`),
    enabled: period !== null,
  });
}

export function useRollup(period: string | null, city: string | null) {
  return useQuery({
    queryKey: staffKeys.rollup(period ?? '', city),
    queryFn: () => staffCall(rollupSchema, `/rollup${queryString({ period, city })}`),
    enabled: period !== null,
  });
}

export function useRollupHtml(period: string, city: string | null, enabled: boolean) {
  return useQuery({
    queryKey: staffKeys.rollupHtml(period, city),
    queryFn: () => staffCall(tableHtmlSchema, `/rollup.html${queryString({ period, city })}`),
    enabled,
  });
}

export function useReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { countyCode: string; period: string; decision: ReviewDecision; comment: string | null }) =>
      staffCall(reviewAnswerSchema, `/reports/${input.countyCode}/${input.period}/${input.decision}`, { method: 'POST', body: { comment: input.comment } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export function useProgress(city: string | null) {
  return useQuery({ queryKey: staffKeys.progress(city), queryFn: () => staffCall(progressSchema, `/progress${queryString({ city })}`) });
}

export function useDuplicates(city: string | null) {
  return useQuery({ queryKey: staffKeys.duplicates(city), queryFn: () => staffCall(duplicatesSchema, `/duplicates${queryString({ city })}`) });
}

/** The province marks a case 已核查: the counties involved are then told each other's names. */
export function useMarkDuplicateReviewed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (caseKey: string) => staffCall(z.object({ caseKey: z.string(), reviewedAt: z.string() }), `/duplicates/${caseKey}/reviewed`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff', 'duplicates'] }),
  });
}

export function usePlatforms() {
  return useQuery({ queryKey: staffKeys.platforms, queryFn: () => staffCall(directorySchema, '/platforms') });
}

export type PlatformInput = { id?: string; name: string; url: string | null; level: 'national' | 'province' | 'city'; cityCode: string | null };

export function useSavePlatform() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PlatformInput) => staffCall(directoryPlatformSchema, '/platforms', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.platforms }),
  });
}

export function useRemovePlatform() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => staffCall(z.object({ id: z.string() }), `/platforms/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.platforms }),
  });
}

export type CalendarInput = Array<{ seq: number; startDate: string; cutoffDate: string; dueDate: string }>;

export function usePublishCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (periods: CalendarInput) => staffCall(periodsSchema, '/periods', { method: 'PUT', body: { periods } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}
