import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';

export type HouseholdResponsibles = Schemas['HouseholdResponsiblesView'];
export type Responsible = Schemas['ResponsibleView'];
export type Handover = Schemas['HandoverView'];
export type LevelResponsible = Schemas['LevelResponsibleView'];

export const SCOPE_LABELS: Record<string, string> = { household: '本户', village: '村', task_force: '专班' };

export const useResponsibles = (householdId: string) =>
  useQuery({
    queryKey: ['household', householdId, 'responsibles'],
    queryFn: () =>
      ok<HouseholdResponsibles>(
        api.GET('/api/v1/households/{id}/responsibles', { params: { path: { id: householdId } } }),
      ),
  });

export const useLevelResponsibles = () =>
  useQuery({
    queryKey: ['responsibles'],
    queryFn: () => ok<LevelResponsible[]>(api.GET('/api/v1/responsibles', {})),
  });

export type SetLevel = Schemas['SetResponsibleDto'] & {
  scopeType: 'village' | 'task_force';
  scopeId: string;
};

/** Sets (or clears) a role for a village or a task force; every household's matrix is read again. */
export function useSetLevelResponsible() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ scopeType, scopeId, ...body }: SetLevel) =>
      scopeType === 'village'
        ? ok(
            api.PUT('/api/v1/responsibles/villages/{villageId}', {
              params: { path: { villageId: scopeId } },
              body,
            }),
          )
        : ok(
            api.PUT('/api/v1/responsibles/task-forces/{taskForceId}', {
              params: { path: { taskForceId: scopeId } },
              body,
            }),
          ),
    onSettled: () => {
      for (const key of ['responsibles', 'household']) void client.invalidateQueries({ queryKey: [key] });
    },
  });
}
