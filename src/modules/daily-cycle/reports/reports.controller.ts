import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiXlsxResponse } from '../../../common/http/api-responses';
import type { Response } from 'express';
import { Actor } from '../../../common/policy/actor';
import { CurrentActor } from '../../../common/policy/current-actor.decorator';
import { Roles } from '../../../common/policy/roles.decorator';
import { DailyReportService } from './daily-report.service';
import { dailyReportWorkbook } from './daily-report.xlsx';
import { DailyReportDto } from './dtos/daily-report.dto';
import { DailyReportBody } from './report-builder';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/daily')
@Roles('admin', 'commander', 'supervisor', 'official')
@ApiErrorResponses(400, 401, 403, 404)
export class ReportsController {
  constructor(private readonly reports: DailyReportService) {}

  /** The stored snapshot; 404 before the date's report ran. */
  @Get(':date')
  @ApiOkResponse({ type: DailyReportDto, description: 'officials see only their own rows' })
  get(@CurrentActor() actor: Actor, @Param('date') date: string): Promise<DailyReportBody> {
    return this.reports.getFor(actor, date);
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
