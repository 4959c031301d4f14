import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';
import type { FilterValues } from '../../lib/url-filters';
import { auditQuery } from './audit-format';

export type User = Schemas['UserResponseDto'];
export type NewUser = Schemas['CreateUserDto'];
export type UserChange = Schemas['UpdateUserDto'];
export type NewOrgUnit = Schemas['CreateOrgUnitDto'];
export type AuditEntry = Schemas['AuditEntryDto'];
export type AuditVerifyResult = Schemas['AuditVerifyResultDto'];
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const USER_FILTERS = {
  role: 'string',
  orgUnitId: 'string',
  page: 'number',
  pageSize: 'number',
} as const;
export type UserFilters = FilterValues<typeof USER_FILTERS>;
export const USER_DEFAULTS: UserFilters = { page: 1, pageSize: 20 };

/** GET /users?role=&orgUnitId=: admins, the command centre and supervisors may list users. */
export const useUsers = (filters: UserFilters) =>
  useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: () => ok<Page<User>>(api.GET('/api/v1/users', { params: { query: filters as never } })),
    placeholderData: keepPreviousData,
  });

/** Names for ids in the audit log (the first 200 users; an unknown id shows as itself). */
export const useUserNames = () =>
  useQuery({
    queryKey: ['users', 'names'],
    queryFn: async () => {
      const page = await ok<Page<User>>(api.GET('/api/v1/users', { params: { query: { pageSize: 200 } } }));
      return page.items;
    },
    staleTime: 5 * 60_000,
  });

function useUserMutation<V>(call: (values: V) => Promise<User>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export const useCreateUser = () =>
  useUserMutation((body: NewUser) => ok<User>(api.POST('/api/v1/users', { body })));

export const useUpdateUser = () =>
  useUserMutation(({ id, ...body }: UserChange & { id: string }) =>
    ok<User>(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
  );

export const useDeactivateUser = () =>
  useUserMutation((id: string) =>
    ok<User>(api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id } } })),
  );

export function useCreateOrgUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewOrgUnit) =>
      ok<Schemas['OrgUnitResponseDto']>(api.POST('/api/v1/org-units', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['org-units'] }),
  });
}

export const AUDIT_FILTERS = {
  entityType: 'string',
  entityId: 'string',
  actorId: 'string',
  from: 'string',
  to: 'string',
  page: 'number',
  pageSize: 'number',
} as const;
export type AuditFilters = FilterValues<typeof AUDIT_FILTERS>;
export const AUDIT_DEFAULTS: AuditFilters = { page: 1, pageSize: 20 };

/** GET /audit, newest first; the URL's business dates become instants in Asia/Shanghai. */
export const useAudit = (filters: AuditFilters) =>
  useQuery({
    queryKey: ['audit', filters],
    queryFn: () => ok<Page<AuditEntry>>(api.GET('/api/v1/audit', { params: { query: auditQuery(filters) } })),
    placeholderData: keepPreviousData,
  });

/** GET /audit/verify (admin): walks the whole chain, optionally against a checkpoint kept outside. */
export function useVerifyAudit() {
  return useMutation({
    mutationFn: (external?: { entries: number; head: string }) =>
      ok<AuditVerifyResult>(api.GET('/api/v1/audit/verify', { params: { query: external ?? {} } })),
  });
}
