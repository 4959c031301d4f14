import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, ok, type Schemas } from '../../api/client';
import { lastWeekStart } from '../../lib/format';

export type Summary = Schemas['DashboardSummaryDto'];
export type Trends = Schemas['DashboardTrendsDto'];
export type Bulletin = Schemas['WeeklyBulletinDto'];
export type Problem = Schemas['ProblemView'];

/** Roles that read the weekly bulletin (the others see a note instead). */
export const BULLETIN_READERS = ['admin', 'commander', 'supervisor'];

const summaryQuery = queryOptions({
  queryKey: ['dashboard', 'summary'],
  queryFn: () => ok<Summary>(api.GET('/api/v1/dashboard/summary')),
});

const trendsQuery = queryOptions({
  queryKey: ['dashboard', 'trends', 30],
  queryFn: () => ok<Trends>(api.GET('/api/v1/dashboard/trends', { params: { query: { days: 30 } } })),
});

/** Last week's bulletin, or null before it ran. */
const bulletinQuery = (weekStart: string) =>
  queryOptions({
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

const supervisedQuery = queryOptions({
  queryKey: ['problems', { supervised: true }],
  queryFn: () =>
    ok<{ items: Problem[]; total: number }>(
      api.GET('/api/v1/problems', { params: { query: { supervised: true, pageSize: 8 } } }),
    ),
});

const reportChecksQuery = queryOptions({
  queryKey: ['reports', 'checks'],
  queryFn: () => ok<Schemas['ReportChecksDto']>(api.GET('/api/v1/reports/checks')),
});

export const useSummary = () => useQuery(summaryQuery);
/** The nightly checks of the stored daily reports: the command centre's roles only (BULLETIN_READERS). */
export const useReportChecks = (enabled: boolean) => useQuery({ ...reportChecksQuery, enabled });
export const useTrends = () => useQuery(trendsQuery);
export const useBulletin = (weekStart: string, enabled: boolean) =>
  useQuery({ ...bulletinQuery(weekStart), enabled });
export const useSupervised = () => useQuery(supervisedQuery);

/** Planned villages (搬迁节点): households at risk and the forecast; the command centre and supervisors read it. */
export const usePlanningOverview = (enabled: boolean) =>
  useQuery({
    queryKey: ['planning'],
    queryFn: () => ok<Schemas['PlanningOverviewView']>(api.GET('/api/v1/planning')),
    enabled,
  });

/**
 * Right after login, while the router still fetches the dashboard's code: ask for its figures at once, so the
 * requests and the chunk download overlap instead of running one after the other.
 */
export function prefetchDashboard(client: QueryClient, role: string): void {
  void client.prefetchQuery(summaryQuery);
  void client.prefetchQuery(supervisedQuery);
  void client.prefetchQuery(trendsQuery);
  if (BULLETIN_READERS.includes(role)) void client.prefetchQuery(bulletinQuery(lastWeekStart()));
}
