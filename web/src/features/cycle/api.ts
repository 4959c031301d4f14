import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, ok, type Schemas } from '../../api/client';
import type { operations } from '../../api/schema';
import { type CycleStatus, pollInterval, cyclePhase } from './cycle-status';

export type DailyReport = Schemas['DailyReportDto'];
export type Breakdown = Schemas['ReportBreakdownDto'];
export type CadreRow = Schemas['ReportCadreRowDto'];
export type DispatchSheet = Schemas['DispatchSheetDto'];
export type DispatchGroup = Schemas['DispatchGroupDto'];
export type Task = Schemas['TaskView'];
export type OverdueLists = Schemas['OverdueListsDto'];
export type OverdueItem = Schemas['OverdueItemDto'];

/** A 404 is an answer here (nothing stored for the date yet), not an error. */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The three steps of a date (command centre and supervisors); polled while one may still change. */
export const useCycleStatus = (date: string, enabled: boolean, requestedAt: number | null) =>
  useQuery({
    queryKey: ['cycle', date],
    enabled,
    queryFn: async () =>
      (await ok<Schemas['CycleStatusDto']>(
        api.GET('/api/v1/cycle/{date}', { params: { path: { date } } }),
      )) as CycleStatus,
    staleTime: 0,
    refetchInterval: (query) => pollInterval(cyclePhase(query.state.data, requestedAt)),
  });

/** Queues report → review → dispatch for the date; a date that ran already creates nothing new. */
export function useRunCycle(date: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      ok<Schemas['CycleRunDto']>(api.POST('/api/v1/cycle/{date}/run', { params: { path: { date } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['cycle', date] }),
  });
}

/** What a finished cycle changes: the report, the dispatch sheet, the overdue lists, tasks, the dashboard. */
export function refreshAfterCycle(client: ReturnType<typeof useQueryClient>, date: string) {
  for (const queryKey of [['report', date], ['dispatch', date], ['overdue'], ['tasks'], ['dashboard']])
    void client.invalidateQueries({ queryKey });
}

/** The stored daily report, or null before it ran. */
export const useDailyReport = (date: string) =>
  useQuery({
    queryKey: ['report', date],
    queryFn: () =>
      orNull(ok<DailyReport>(api.GET('/api/v1/reports/daily/{date}', { params: { path: { date } } }))),
  });

/** The dispatch sheet of the date (command centre and supervisors only: officials get 403). */
export const useDispatchSheet = (date: string, enabled: boolean) =>
  useQuery({
    queryKey: ['dispatch', date],
    enabled,
    queryFn: () => ok<DispatchSheet>(api.GET('/api/v1/dispatch/{date}', { params: { path: { date } } })),
  });

/** The live overdue lists (督办清单): not tied to a date. */
export const useOverdue = (enabled: boolean) =>
  useQuery({
    queryKey: ['overdue'],
    enabled,
    queryFn: () =>
      ok<OverdueLists>(api.GET('/api/v1/supervision/overdue', { params: { query: { limit: 200 } } })),
  });

export type ReportCellsPage = Schemas['ReportCellsPageDto'];
/** Which figure to open: its metric and the row it is in (without the page). */
export type ReportCell = Omit<
  operations['ReportsController_cellsPage']['parameters']['query'],
  'page' | 'pageSize'
>;

/** The households or records behind one figure of the stored report (drill-down), a page at a time. */
export const useReportCells = (date: string, cell: ReportCell | null, page: number) =>
  useQuery({
    queryKey: ['report', date, 'cells', cell, page],
    enabled: cell !== null,
    queryFn: () =>
      ok<ReportCellsPage>(
        api.GET('/api/v1/reports/daily/{date}/cells', {
          params: { path: { date }, query: { ...cell!, page, pageSize: 20 } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
