import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, ok, type Schemas } from '../../api/client';

export type Options = Schemas['OptionsDto'];
export type OptionList = keyof Options;
export type OrgUnit = {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  code?: string | null;
};

/** The value lists with their Chinese labels (GET /options), cached for the session. */
export function useOptions() {
  const query = useQuery({
    queryKey: ['options'],
    queryFn: () => ok<Options>(api.GET('/api/v1/options')),
    staleTime: Infinity,
  });
  const labels = useMemo(() => {
    const maps = {} as Record<OptionList, Map<string, string>>;
    for (const [name, list] of Object.entries(query.data ?? {}))
      maps[name as OptionList] = new Map(list.map((o) => [o.value, o.label]));
    return maps;
  }, [query.data]);
  /** The label of a value, or the value itself until the lists arrive (never a blank cell). */
  const label = (list: OptionList, value: string | null | undefined): string =>
    value ? (labels[list]?.get(value) ?? value) : '—';
  const choices = (list: OptionList) =>
    (query.data?.[list] ?? []).map((o) => ({ value: o.value, label: o.label }));
  return { ...query, label, choices };
}

/** The org tree (GET /org-units): townships, villages, task forces and units, by id and by kind. */
export function useOrgUnits() {
  const query = useQuery({
    queryKey: ['org-units'],
    queryFn: () => ok<OrgUnit[]>(api.GET('/api/v1/org-units')),
    staleTime: 10 * 60_000,
  });
  const byId = useMemo(() => new Map((query.data ?? []).map((u) => [u.id, u])), [query.data]);
  const ofKind = (kind: string) =>
    (query.data ?? []).filter((u) => u.kind === kind).map((u) => ({ value: u.id, label: u.name }));
  const name = (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? '…') : '—');
  return { ...query, byId, ofKind, name };
}
