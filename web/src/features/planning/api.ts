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

export type MoveDateChange = Schemas['SetMoveDateDto'] & { villageId: string };

/** Sets a village's move date; the server replans its households, so plans, lights and lists are read again. */
export function useSetMoveDate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ villageId, ...body }: MoveDateChange) =>
      ok<Schemas['VillagePlanView']>(
        api.PUT('/api/v1/villages/{id}/move-date', { params: { path: { id: villageId } }, body }),
      ),
    onSettled: () => {
      for (const key of ['planning', 'household', 'households', 'dashboard'])
        void client.invalidateQueries({ queryKey: [key] });
    },
  });
}
