import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { DailyReportService } from './daily-report.service';
import { dailyReportWorkbook } from './daily-report.xlsx';
import { DailyReportBody } from './report-builder';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/daily')
@Roles('admin', 'commander', 'supervisor', 'official')
export class ReportsController {
  constructor(private readonly reports: DailyReportService) {}

  /** The stored snapshot; 404 before the date's report ran. */
  @Get(':date')
  get(@CurrentActor() actor: Actor, @Param('date') date: string): Promise<DailyReportBody> {
    return this.reports.getFor(actor, date);
  }

  @Get(':date/export')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
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
