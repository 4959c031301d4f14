import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';
import type { FilterValues } from '../../lib/url-filters';

export type DuplicatePair = Schemas['DuplicatePairView'];
export type DuplicatePerson = Schemas['DuplicatePersonView'];
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The list's state in the URL: status (open by default; 'all' for every pair), evidence, paging. */
export const DUPLICATE_FILTERS = {
  status: 'string',
  reason: 'string',
  page: 'number',
  pageSize: 'number',
} as const;
export type DuplicateFilters = FilterValues<typeof DUPLICATE_FILTERS>;
export const DUPLICATE_DEFAULTS: DuplicateFilters = { status: 'open', page: 1, pageSize: 20 };

export function duplicateQuery(filters: DuplicateFilters) {
  return {
    page: filters.page,
    pageSize: filters.pageSize,
    status: filters.status === 'all' ? undefined : filters.status,
    reason: filters.reason,
  };
}

export const useDuplicates = (filters: DuplicateFilters) => {
  const query = duplicateQuery(filters);
  return useQuery({
    queryKey: ['duplicates', query],
    queryFn: () =>
      ok<Page<DuplicatePair>>(api.GET('/api/v1/duplicates', { params: { query: query as never } })),
    placeholderData: (previous) => previous,
  });
};

export type DuplicateDecision = Schemas['DuplicateDecisionDto'] & { id: string };

/** Decide a pair; whatever the answer, the list and the households it touches are read again. */
export function useDecideDuplicate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: DuplicateDecision) =>
      ok<DuplicatePair>(api.POST('/api/v1/duplicates/{id}/decision', { params: { path: { id } }, body })),
    onSettled: () => {
      for (const key of ['duplicates', 'household', 'households'])
        void client.invalidateQueries({ queryKey: [key] });
    },
  });
}
