import type { Role } from './role';

/** Who is acting: the authenticated user plus the request id that ties audit entries to a request. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
  requestId: string | null;
}

/** Jobs and the bootstrap act as the system. */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: '系统',
  role: 'admin',
  orgUnitId: null,
  requestId: null,
};
