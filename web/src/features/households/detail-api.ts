import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';
import type { Page } from './api';

export type Visit = Schemas['VisitView'];
export type IntentRecord = Schemas['IntentRecordView'];
export type Problem = Schemas['ProblemView'];
export type TimelineEvent = {
  at: string;
  type: string;
  action: string;
  entityType: string;
  actor: { id: string | null; role: string | null; displayName: string | null };
  changes: Record<string, unknown>;
};

export const useIntents = (id: string) =>
  useQuery({
    queryKey: ['household', id, 'intents'],
    queryFn: () =>
      ok<IntentRecord[] | Page<IntentRecord>>(
        api.GET('/api/v1/households/{id}/intents', { params: { path: { id } } }),
      ),
    select: (data) => (Array.isArray(data) ? data : data.items),
  });

export const useVisits = (householdId: string) =>
  useQuery({
    queryKey: ['household', householdId, 'visits'],
    queryFn: () =>
      ok<Page<Visit>>(api.GET('/api/v1/visits', { params: { query: { householdId, pageSize: 50 } } })),
  });

export const useHouseholdProblems = (householdId: string) =>
  useQuery({
    queryKey: ['household', householdId, 'problems'],
    queryFn: () =>
      ok<Page<Problem>>(api.GET('/api/v1/problems', { params: { query: { householdId, pageSize: 50 } } })),
  });

export const useTimeline = (id: string) =>
  useQuery({
    queryKey: ['household', id, 'timeline'],
    queryFn: () =>
      ok<Page<TimelineEvent>>(
        api.GET('/api/v1/households/{id}/timeline', { params: { path: { id }, query: { pageSize: 100 } } }),
      ),
  });

/** The household's writes from this page; each refreshes the household and its lists. */
export function useHouseholdActions(id: string) {
  const client = useQueryClient();
  const done = () => {
    void client.invalidateQueries({ queryKey: ['household', id] });
    void client.invalidateQueries({ queryKey: ['households'] });
  };
  const path = { params: { path: { id } } };
  return {
    hold: useMutation({
      mutationFn: (body: Schemas['HoldDto']) =>
        ok(api.POST('/api/v1/households/{id}/hold', { ...path, body })),
      onSuccess: done,
    }),
    release: useMutation({
      mutationFn: (body: { note?: string }) =>
        ok(api.POST('/api/v1/households/{id}/release', { ...path, body })),
      onSuccess: done,
    }),
    transition: useMutation({
      mutationFn: (body: { to: string; version: number; comment?: string }) =>
        ok<{ approval?: { id: string } }>(
          api.POST('/api/v1/households/{id}/transitions', { ...path, body: body as never }),
        ),
      onSuccess: done,
    }),
    rollback: useMutation({
      mutationFn: (body: { reason: string; version: number }) =>
        ok(api.POST('/api/v1/households/{id}/rollback', { ...path, body })),
      onSuccess: done,
    }),
  };
}

export type HouseholdPlan = Schemas['HouseholdPlanView'];

/** The household's planned date per remaining stage, back from its batch's or village's move date. */
export const usePlan = (id: string) =>
  useQuery({
    queryKey: ['household', id, 'plan'],
    queryFn: () => ok<HouseholdPlan>(api.GET('/api/v1/households/{id}/plan', { params: { path: { id } } })),
  });
