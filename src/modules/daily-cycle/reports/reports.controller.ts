import { Controller, ForbiddenException, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiXlsxResponse } from '../../../common/http/api-responses';
import type { Response } from 'express';
import { Actor } from '../../../common/policy/actor';
import { CurrentActor } from '../../../common/policy/current-actor.decorator';
import { Roles } from '../../../common/policy/roles.decorator';
import { DailyReportService } from './daily-report.service';
import { ReportRecomputeService } from './report-recompute.service';
import { AccessPolicy } from '../../../common/policy/access-policy';
import { RecomputeQueryDto } from './dtos/recompute.dto';
import { dailyReportWorkbook } from './daily-report.xlsx';
import { DailyReportDto } from './dtos/daily-report.dto';
import { DailyReportBody } from './report-builder';
import { ReportCellsService } from './report-cells.service';
import { ReportCellsPageDto, ReportCellsQueryDto } from './dtos/report-cells.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/daily')
@Roles('admin', 'commander', 'supervisor', 'official')
@ApiErrorResponses(400, 401, 403, 404)
export class ReportsController {
  constructor(
    private readonly reports: DailyReportService,
    private readonly recomputer: ReportRecomputeService,
    private readonly cells: ReportCellsService,
  ) {}

  /** The stored snapshot; 404 before the date's report ran. */
  @Get(':date')
  @ApiOkResponse({ type: DailyReportDto, description: 'officials see only their own rows' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('date') date: string,
    @Query() query: RecomputeQueryDto,
  ): Promise<DailyReportBody> {
    if (query.recompute !== true) return this.reports.getFor(actor, date);
    // The whole report is compared: only those who see every household may ask for it.
    if (AccessPolicy.householdScope(actor).kind !== 'all')
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '仅指挥部可重算日汇报' });
    const { report, ...check } = await this.recomputer.recompute(date);
    return { ...report, recompute: check };
  }

  /**
   * Drill-down: the households (or visits, intent records, stage events, problems, approvals) behind one figure of
   * the stored report, as they were when it was made; `total` is the figure. Officials get their own part.
   */
  @Get(':date/cells')
  @ApiOkResponse({
    type: ReportCellsPageDto,
    description:
      'the list behind a figure of the stored report (same items as GET /households?asOf= for household figures); ' +
      'the first request for a date computes its facts (seconds at 100,000 households), later pages read them',
  })
  cellsPage(
    @CurrentActor() actor: Actor,
    @Param('date') date: string,
    @Query() query: ReportCellsQueryDto,
  ): Promise<ReportCellsPageDto> {
    return this.cells.page(actor, date, query);
  }

  @Get(':date/export')
  @ApiXlsxResponse('日汇报-<date>.xlsx')
  async export(
    @CurrentActor() actor: Actor,
    @Param('date') date: string,
    @Res() response: Response,
  ): Promise<void> {
    const workbook = await dailyReportWorkbook(await this.reports.getFor(actor, date));
    response
      .status(200)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="daily-report-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(`日汇报-${date}.xlsx`)}`,
      )
      .send(workbook);
  }
}
