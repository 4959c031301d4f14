import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, ok, type Schemas } from '../../api/client';
import type { operations } from '../../api/schema';

export type Bulletin = Schemas['WeeklyBulletinDto'];
export type Ranking = Schemas['RankingDto'];
export type RankRow = Schemas['RankRowDto'];
export type StalledUnit = Schemas['StalledUnitDto'];
export type SupervisedItem = Schemas['SupervisedItemDto'];

/** The stored bulletin of a week, or null before it ran (the dashboard reads the same cache entry). */
export const useWeeklyBulletin = (weekStart: string) =>
  useQuery({
    queryKey: ['bulletin', weekStart],
    queryFn: async () => {
      try {
        return await ok<Bulletin>(
          api.GET('/api/v1/bulletins/weekly/{weekStart}', { params: { path: { weekStart } } }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });

/** Generates the week's bulletin (command centre); a stored one is kept and the answer says so. */
export function useRunBulletin(weekStart: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      ok<Schemas['BulletinRunResponseDto']>(
        api.POST('/api/v1/bulletins/weekly/{weekStart}/run', { params: { path: { weekStart } } }),
      ),
    onSuccess: (result) => client.setQueryData(['bulletin', weekStart], result.bulletin),
  });
}

export type BulletinCellsPage = Schemas['BulletinCellsPageDto'];
/** Which number to open: its metric and, for a ranking's row, the row (without the page). */
export type BulletinCell = Omit<
  operations['BulletinsController_cellsPage']['parameters']['query'],
  'page' | 'pageSize'
>;

/** The households or problems behind one number of the stored bulletin (drill-down), a page at a time. */
export const useBulletinCells = (weekStart: string, cell: BulletinCell | null, page: number) =>
  useQuery({
    queryKey: ['bulletin', weekStart, 'cells', cell, page],
    enabled: cell !== null,
    queryFn: () =>
      ok<BulletinCellsPage>(
        api.GET('/api/v1/bulletins/weekly/{weekStart}/cells', {
          params: { path: { weekStart }, query: { ...cell!, page, pageSize: 20 } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
