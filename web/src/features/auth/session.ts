import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';
import type { Role } from '../../app/roles';

export type SessionUser = Schemas['AuthUserDto'] & { role: Role };

/** Who is signed in (GET /auth/me through the session cookie); null when nobody is. */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<SessionUser | null> => {
      const { data, response } = await api.GET('/api/v1/auth/me');
      if (response.status === 401) return null;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return data as unknown as SessionUser;
    },
    staleTime: 5 * 60_000,
  });
}

export async function startSession(username: string, password: string): Promise<SessionUser> {
  const body = await ok<Schemas['SessionResponseDto']>(
    api.POST('/api/v1/auth/session', { body: { username, password } }),
  );
  return body.user as SessionUser;
}

export function useEndSession() {
  const client = useQueryClient();
  return async () => {
    await api.DELETE('/api/v1/auth/session');
    client.clear();
    window.location.assign('/login');
  };
}
