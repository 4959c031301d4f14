import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';
import type { FilterValues } from '../../lib/url-filters';

export type Household = Schemas['HouseholdResponseDto'];
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Every filter of GET /households, as the URL keeps them. */
export const HOUSEHOLD_FILTERS = {
  townshipId: 'string',
  villageId: 'string',
  taskForceId: 'string',
  stage: 'string',
  intent: 'string',
  cadreId: 'string',
  light: 'string',
  flag: 'string',
  onHold: 'boolean',
  visitedOn: 'string',
  advancedOn: 'string',
  q: 'string',
  sort: 'string',
  page: 'number',
  pageSize: 'number',
} as const;
export type HouseholdFilters = FilterValues<typeof HOUSEHOLD_FILTERS>;
export const HOUSEHOLD_DEFAULTS: HouseholdFilters = { page: 1, pageSize: 20 };

export const useHouseholds = (filters: HouseholdFilters) =>
  useQuery({
    queryKey: ['households', filters],
    queryFn: () =>
      ok<Page<Household>>(api.GET('/api/v1/households', { params: { query: filters as never } })),
    placeholderData: (previous) => previous,
  });

export const useHousehold = (id: string, reveal = false) =>
  useQuery({
    queryKey: ['household', id, { reveal }],
    queryFn: () =>
      ok<Household>(api.GET('/api/v1/households/{id}', { params: { path: { id }, query: { reveal } } })),
  });

/** The household as it was at the end of `asOf` (a past business date); idle until a date is chosen. */
export const useHouseholdAsOf = (id: string, asOf: string | null) =>
  useQuery({
    queryKey: ['household', id, { asOf }],
    enabled: asOf !== null,
    queryFn: () =>
      ok<Household>(api.GET('/api/v1/households/{id}', { params: { path: { id }, query: { asOf: asOf! } } })),
  });

export type Cadre = { id: string; displayName: string; username: string; active: boolean };

/** Active cadres to assign (GET /users?role=cadre; command centre and supervisors may list users). */
export const useCadres = (enabled: boolean) =>
  useQuery({
    queryKey: ['users', 'cadres'],
    enabled,
    queryFn: async () => {
      const page = await ok<Page<Cadre>>(
        api.GET('/api/v1/users', { params: { query: { role: 'cadre', pageSize: 200 } } }),
      );
      return page.items.filter((u) => u.active);
    },
    staleTime: 5 * 60_000,
  });

/** Assigns (or reassigns) a cadre to households, all or nothing. */
export function useAssign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { householdIds: string[]; cadreId: string }) =>
      ok<{ assigned: number }>(api.POST('/api/v1/households/assignments', { body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['households'] });
      void client.invalidateQueries({ queryKey: ['household'] });
    },
  });
}
