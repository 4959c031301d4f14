/** How a filter is kept in the URL: the query string is the state, so a view can be shared as a link. */
export type FieldKind = 'string' | 'number' | 'boolean';
export type FilterSpec = Record<string, FieldKind>;

export type FilterValues<S extends FilterSpec> = {
  [K in keyof S]?: S[K] extends 'number' ? number : S[K] extends 'boolean' ? boolean : string;
};

/** The filters a URL carries: unknown keys and values of the wrong kind are dropped, defaults fill the rest. */
export function readFilters<S extends FilterSpec>(
  params: URLSearchParams,
  spec: S,
  defaults: FilterValues<S> = {},
): FilterValues<S> {
  const values: Record<string, unknown> = { ...defaults };
  for (const [key, kind] of Object.entries(spec)) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === '') continue;
    if (kind === 'number') {
      const number = Number(raw);
      if (Number.isInteger(number) && number > 0) values[key] = number;
    } else if (kind === 'boolean') {
      if (raw === 'true' || raw === 'false') values[key] = raw === 'true';
    } else {
      values[key] = raw.trim();
    }
  }
  return values as FilterValues<S>;
}

/** The query string for these filters: empty values and defaults are left out, keys in a stable order. */
export function writeFilters<S extends FilterSpec>(
  values: FilterValues<S>,
  spec: S,
  defaults: FilterValues<S> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(spec)) {
    const value = values[key];
    if (value === undefined || value === null || value === '') continue;
    if (defaults[key] !== undefined && defaults[key] === value) continue;
    params.set(key, String(value));
  }
  return params;
}

/** A change of any filter but the page sends the list back to page 1. */
export function changeFilters<V extends { page?: number }>(current: V, change: Partial<V>): V {
  const next = { ...current, ...change };
  if (!('page' in change)) delete next.page;
  return next;
}
