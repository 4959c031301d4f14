import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';
import type { FilterValues } from '../../lib/url-filters';

export type Problem = Schemas['ProblemView'];
export type ProblemEvent = Schemas['ProblemEventView'];
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Every filter of GET /problems, as the URL keeps them. */
export const PROBLEM_FILTERS = {
  status: 'string',
  severity: 'string',
  category: 'string',
  unitId: 'string',
  householdId: 'string',
  overdue: 'boolean',
  supervised: 'boolean',
  page: 'number',
  pageSize: 'number',
} as const;
export type ProblemFilters = FilterValues<typeof PROBLEM_FILTERS>;
export const PROBLEM_DEFAULTS: ProblemFilters = { page: 1, pageSize: 20 };

export const useProblems = (filters: ProblemFilters) =>
  useQuery({
    queryKey: ['problems', 'list', filters],
    queryFn: () => ok<Page<Problem>>(api.GET('/api/v1/problems', { params: { query: filters as never } })),
    placeholderData: (previous) => previous,
  });

export const useProblem = (id: string) =>
  useQuery({
    queryKey: ['problems', 'detail', id],
    queryFn: () => ok<Problem>(api.GET('/api/v1/problems/{id}', { params: { path: { id } } })),
  });

export type Handler = { id: string; displayName: string; username: string; active: boolean };

/** The handlers of a unit, to name an owner when assigning (the command centre may list users). */
export const useHandlers = (unitId: string | undefined) =>
  useQuery({
    queryKey: ['users', 'handlers', unitId],
    enabled: !!unitId,
    queryFn: async () => {
      const page = await ok<Page<Handler>>(
        api.GET('/api/v1/users', {
          params: { query: { role: 'handler', orgUnitId: unitId, pageSize: 200 } },
        }),
      );
      return page.items.filter((u) => u.active);
    },
    staleTime: 5 * 60_000,
  });

/** The problem's moves; each refreshes the problem lists, the household it belongs to and the dashboard. */
export function useProblemActions(id: string) {
  const client = useQueryClient();
  const onSettled = () => {
    for (const key of ['problems', 'household', 'households', 'dashboard'])
      void client.invalidateQueries({ queryKey: [key] });
  };
  const path = { params: { path: { id } } };
  return {
    assign: useMutation({
      mutationFn: (body: Schemas['AssignProblemDto']) =>
        ok<Problem>(api.POST('/api/v1/problems/{id}/assign', { ...path, body })),
      onSettled,
    }),
    progress: useMutation({
      mutationFn: (body: Schemas['ProgressDto']) =>
        ok<Problem>(api.POST('/api/v1/problems/{id}/progress', { ...path, body })),
      onSettled,
    }),
    resolve: useMutation({
      mutationFn: (body: Schemas['ResolveDto']) =>
        ok<Problem>(api.POST('/api/v1/problems/{id}/resolve', { ...path, body })),
      onSettled,
    }),
    feedback: useMutation({
      mutationFn: (body: Schemas['FeedbackDto']) =>
        ok<Problem>(api.POST('/api/v1/problems/{id}/feedback', { ...path, body })),
      onSettled,
    }),
    supervise: useMutation({
      mutationFn: () => ok<Problem>(api.POST('/api/v1/problems/{id}/supervise', path)),
      onSettled,
    }),
  };
}
