import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';

export type Notification = Schemas['NotificationView'];
type Page<T> = { items: T[]; total: number };

/** Every minute while the console is open, and whenever the window gets focus again. */
const FRESH = { refetchInterval: 60_000, refetchOnWindowFocus: true, staleTime: 0 } as const;

export const useUnreadCount = () =>
  useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () =>
      ok<Page<Notification>>(
        api.GET('/api/v1/notifications', { params: { query: { unread: true, pageSize: 1 } } }),
      ),
    select: (page) => page.total,
    ...FRESH,
  });

/** The latest notifications, read or not; asked while the list is open. */
export const useRecentNotifications = (enabled: boolean) =>
  useQuery({
    queryKey: ['notifications', 'recent'],
    enabled,
    queryFn: () =>
      ok<Page<Notification>>(api.GET('/api/v1/notifications', { params: { query: { pageSize: 15 } } })),
    ...FRESH,
  });

export function useMarkRead() {
  const client = useQueryClient();
  const onSettled = () => client.invalidateQueries({ queryKey: ['notifications'] });
  return {
    one: useMutation({
      mutationFn: (id: string) =>
        ok<{ marked: number }>(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
      onSettled,
    }),
    all: useMutation({
      mutationFn: () => ok<{ marked: number }>(api.POST('/api/v1/notifications/read-all')),
      onSettled,
    }),
  };
}
