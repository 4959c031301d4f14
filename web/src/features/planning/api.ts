import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';

export type PlanningOverview = Schemas['PlanningOverviewView'];
export type VillagePlanSummary = Schemas['VillagePlanSummaryView'];
export type AtRiskHousehold = Schemas['AtRiskHouseholdView'];
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Per village: move date, pace over the last 14 days, forecast, households at risk; and the lead table. */
export const usePlanning = () =>
  useQuery({
    queryKey: ['planning'],
    queryFn: () => ok<PlanningOverview>(api.GET('/api/v1/planning')),
  });

export const useAtRisk = (villageId: string, page: number, pageSize = 10) =>
  useQuery({
    queryKey: ['planning', 'at-risk', villageId, page, pageSize],
    queryFn: () =>
      ok<Page<AtRiskHousehold>>(
        api.GET('/api/v1/planning/villages/{id}/at-risk', {
          params: { path: { id: villageId }, query: { page, pageSize } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export type PlanBatch = Schemas['PlanBatchView'];

export const useBatches = () =>
  useQuery({
    queryKey: ['planning', 'batches'],
    queryFn: () => ok<PlanBatch[]>(api.GET('/api/v1/planning/batches')),
  });

/** What a move date is set on: a village or a batch of households. */
export interface MoveDateTarget {
  kind: 'village' | 'batch';
  id: string;
  name: string;
  moveDate: string | null;
  version: number | null;
}

export type MoveDateChange = Schemas['SetMoveDateDto'] & { target: MoveDateTarget };

/** Sets a village's or a batch's move date; the server replans, so plans, lights and lists are read again. */
export function useSetMoveDate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ target, ...body }: MoveDateChange) =>
      target.kind === 'village'
        ? ok<{ moveDate: string; replanned: number }>(
            api.PUT('/api/v1/villages/{id}/move-date', { params: { path: { id: target.id } }, body }),
          )
        : ok<{ moveDate: string; replanned: number }>(
            api.PUT('/api/v1/planning/batches/{id}/move-date', { params: { path: { id: target.id } }, body }),
          ),
    onSettled: () => {
      for (const key of ['planning', 'household', 'households', 'dashboard'])
        void client.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** 户编号 as pasted from a ledger column or typed: separated by lines, spaces, commas or 、; each once. */
export function parseCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter(Boolean))];
}

export type BatchChange =
  | { kind: 'create'; name: string; moveDate: string; reason: string; householdCodes: string[] }
  | { kind: 'remove'; batchId: string; reason: string; householdCodes: string[] };

/** Makes a batch of households, or takes households out of one (by 户编号); the server replans either way. */
export function useChangeBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: BatchChange) =>
      change.kind === 'create'
        ? ok<PlanBatch>(
            api.POST('/api/v1/planning/batches', {
              body: {
                name: change.name,
                moveDate: change.moveDate,
                reason: change.reason,
                householdCodes: change.householdCodes,
              },
            }),
          )
        : ok<PlanBatch>(
            api.POST('/api/v1/planning/batches/{id}/removals', {
              params: { path: { id: change.batchId } },
              body: { reason: change.reason, householdCodes: change.householdCodes },
            }),
          ),
    onSettled: () => {
      for (const key of ['planning', 'household', 'households', 'dashboard'])
        void client.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** Deletes a batch no household is in any more (the server refuses one with households, 409). */
export function useDeleteBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (batchId: string) =>
      ok<unknown>(api.DELETE('/api/v1/planning/batches/{id}', { params: { path: { id: batchId } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: ['planning'] }),
  });
}
