import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';
import type { FilterValues } from '../../lib/url-filters';

export type Task = Schemas['TaskView'];
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Every filter of GET /tasks, as the URL keeps them; status "all" is the URL's way to ask for every status. */
export const TASK_FILTERS = {
  date: 'string',
  status: 'string',
  unitId: 'string',
  assigneeId: 'string',
  page: 'number',
  pageSize: 'number',
} as const;
export type TaskFilters = FilterValues<typeof TASK_FILTERS>;
export const TASK_DEFAULTS: TaskFilters = { status: 'open', page: 1, pageSize: 20 };

export const taskQuery = (filters: TaskFilters) => ({
  ...filters,
  status: filters.status === 'all' ? undefined : filters.status,
});

export const useTasks = (filters: TaskFilters) => {
  const query = taskQuery(filters);
  return useQuery({
    queryKey: ['tasks', query],
    queryFn: () => ok<Page<Task>>(api.GET('/api/v1/tasks', { params: { query: query as never } })),
    placeholderData: (previous) => previous,
  });
};

type User = { id: string; displayName: string; username: string; active: boolean };

/** Cadres by id, to name a task's assignee and filter by one (only roles that may list users ask). */
export const useCadreNames = (enabled: boolean) =>
  useQuery({
    queryKey: ['users', 'cadres', 'all'],
    enabled,
    queryFn: async () =>
      (
        await ok<Page<User>>(
          api.GET('/api/v1/users', { params: { query: { role: 'cadre', pageSize: 200 } } }),
        )
      ).items,
    select: (users) => new Map(users.map((u) => [u.id, u.displayName])),
    staleTime: 5 * 60_000,
  });

export function useCompleteTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      ok<Task>(api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id } }, body: { note } })),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
