import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';
import type { FilterValues } from '../../lib/url-filters';

export type Approval = Schemas['ApprovalView'];
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The inbox's state in the URL: which tab, the level (admins see every level), history's status, paging. */
export const APPROVAL_FILTERS = {
  tab: 'string',
  level: 'string',
  status: 'string',
  page: 'number',
  pageSize: 'number',
} as const;
export type ApprovalFilters = FilterValues<typeof APPROVAL_FILTERS>;
export const APPROVAL_DEFAULTS: ApprovalFilters = { tab: 'pending', page: 1, pageSize: 20 };

/** The queue waits oldest first; the history shows the latest decisions first. */
export function approvalQuery(filters: ApprovalFilters) {
  const paging = { page: filters.page, pageSize: filters.pageSize };
  if (filters.tab === 'history')
    return { ...paging, status: filters.status ?? 'decided', sort: '-decidedAt' };
  // 全部在审: every pending request the caller may see, at any level (the dashboard's 待审批).
  if (filters.tab === 'all')
    return { ...paging, status: 'pending', waitingFor: 'anyone', level: filters.level };
  return { ...paging, status: 'pending', level: filters.level };
}

export const useApprovals = (filters: ApprovalFilters) => {
  const query = approvalQuery(filters);
  return useQuery({
    queryKey: ['approvals', query],
    queryFn: () => ok<Page<Approval>>(api.GET('/api/v1/approvals', { params: { query: query as never } })),
    placeholderData: (previous) => previous,
  });
};

export type Decision = { id: string; decision: 'approve' | 'reject'; comment?: string };

/** Approve or reject; whatever the answer, the queue, the household and what counts it are read again. */
export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Decision) =>
      ok<Approval>(api.POST('/api/v1/approvals/{id}/decision', { params: { path: { id } }, body })),
    onSettled: () => {
      for (const key of ['approvals', 'household', 'households', 'dashboard', 'tasks', 'notifications'])
        void client.invalidateQueries({ queryKey: [key] });
    },
  });
}
