import { useQuery } from '@tanstack/react-query';
import { api, ApiError, ok, type Schemas } from '../../api/client';

export type Summary = Schemas['DashboardSummaryDto'];
export type Trends = Schemas['DashboardTrendsDto'];
export type Bulletin = Schemas['WeeklyBulletinDto'];
export type Problem = Schemas['ProblemView'];

export const useSummary = () =>
  useQuery({
    queryKey: ['dashboard', 'summary'],
    queryFn: () => ok<Summary>(api.GET('/api/v1/dashboard/summary')),
  });

export const useTrends = () =>
  useQuery({
    queryKey: ['dashboard', 'trends', 30],
    queryFn: () => ok<Trends>(api.GET('/api/v1/dashboard/trends', { params: { query: { days: 30 } } })),
  });

/** Last week's bulletin, or null before it ran. */
export const useBulletin = (weekStart: string, enabled: boolean) =>
  useQuery({
    queryKey: ['bulletin', weekStart],
    enabled,
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

export const useSupervised = () =>
  useQuery({
    queryKey: ['problems', { supervised: true }],
    queryFn: () =>
      ok<{ items: Problem[]; total: number }>(
        api.GET('/api/v1/problems', { params: { query: { supervised: true, pageSize: 8 } } }),
      ),
  });
