import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../../api/client';
import { writeFilters } from '../../lib/url-filters';
import { HOUSEHOLD_FILTERS, type HouseholdFilters } from '../households/api';

export type ImportResult = Schemas['ImportResultDto'];
export type LedgerError = Schemas['LedgerRowError'];
export type LedgerNote = Schemas['LedgerNote'];

export const TEMPLATE_PATH = '/api/v1/households/import/template';

/** The list's filters plus `reveal` (full IDs and phones, audited per household; admin and commander). */
export type ExportFilters = HouseholdFilters & { reveal?: boolean };

/** GET /households/export with the list's filters, as a same-origin path: no paging or order, it writes every match. */
export function exportPath(filters: ExportFilters): string {
  const { reveal, ...rest } = filters;
  const params = writeFilters(
    { ...rest, page: undefined, pageSize: undefined, sort: undefined },
    HOUSEHOLD_FILTERS,
  );
  if (reveal) params.set('reveal', 'true');
  const query = params.toString();
  return `/api/v1/households/export${query ? `?${query}` : ''}`;
}

/** POST /households/import: a dry run checks and writes nothing; the real run writes the valid households. */
export function useLedgerImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return ok<ImportResult>(
        api.POST('/api/v1/households/import', {
          params: { query: { dryRun } },
          // FormData goes out as it is: the browser writes the multipart boundary (the CSRF header is added for us).
          body: body as never,
          bodySerializer: (value: unknown) => value as FormData,
        }),
      );
    },
    onSuccess: (result) => {
      if (result.dryRun) return;
      for (const key of ['households', 'household', 'dashboard'])
        void client.invalidateQueries({ queryKey: [key] });
    },
  });
}
