import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses, ApiXlsxResponse } from '../../common/http/api-responses';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { bulletinWorkbook } from './bulletin-export';
import { BulletinCellsService } from './bulletin-cells.service';
import { BulletinsService } from './bulletins.service';
import { BulletinCellsPageDto, BulletinCellsQueryDto } from './dtos/bulletin-cells.dto';
import { BulletinRunResponseDto, WeeklyBulletinDto } from './dtos/bulletin.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 周通报: read by the command centre and the supervisors; run by the command centre (or Monday 09:00). */
@ApiTags('bulletins')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403)
@Controller('bulletins/weekly')
export class BulletinsController {
  constructor(
    private readonly bulletins: BulletinsService,
    private readonly cells: BulletinCellsService,
  ) {}

  @Get(':weekStart')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOperation({ summary: 'The stored bulletin of the week starting that Monday; 404 before it ran' })
  @ApiOkResponse({ type: WeeklyBulletinDto })
  @ApiErrorResponses(404)
  get(@Param('weekStart') weekStart: string) {
    return this.bulletins.get(weekStart);
  }

  /**
   * Drill-down: the households or problems behind one number of the stored bulletin, from the bulletin's own SQL
   * at its week end; `total` is the number (the caller's part of it, for a narrower scope).
   */
  @Get(':weekStart/cells')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOperation({
    summary: 'The households or problems behind one number of the stored bulletin (drill-down)',
    description:
      'A figure of the totals (no group) or of one ranking row (groupKind and groupId: the row’s id). `total` ' +
      'is the figure: 户数, 签约率’s numerator (`signed`), 本周销号, 按期销号, 超期数 and the totals’ 周末超期问题数, ' +
      '周末超期未走访户数, 挂牌督办. `progressed` lists the households whose stage step rose during the week, what ' +
      '本周提升 is made of: its count is not a figure of the bulletin. Households are listed as they were at week ' +
      'end (the items of GET /households?asOf=), problems with their household then. The first request for a week ' +
      'computes its rows (the bulletin’s queries, one row per household and problem); later pages read them.',
  })
  @ApiOkResponse({ type: BulletinCellsPageDto })
  @ApiErrorResponses(404)
  cellsPage(
    @CurrentActor() actor: Actor,
    @Param('weekStart') weekStart: string,
    @Query() query: BulletinCellsQueryDto,
  ): Promise<BulletinCellsPageDto> {
    return this.cells.page(actor, weekStart, query);
  }

  @Post(':weekStart/run')
  @HttpCode(200)
  @Roles('admin', 'commander')
  @ApiOperation({
    summary:
      'Computes and stores the bulletin of an ended week; a stored one is kept and the answer says skipped',
  })
  @ApiOkResponse({ type: BulletinRunResponseDto })
  @ApiErrorResponses(422)
  async run(@Param('weekStart') weekStart: string): Promise<BulletinRunResponseDto> {
    const result = await this.bulletins.generate(weekStart);
    return {
      weekStart,
      status: result.status,
      message: result.status === 'done' ? '周通报已生成' : '该周通报已生成过，保持不变（未重新生成）',
      bulletin: result.bulletin,
    };
  }

  @Get(':weekStart/export')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOperation({
    summary: 'The stored bulletin as .xlsx: an overview, one sheet per ranking, stalled units, supervised',
  })
  @ApiXlsxResponse('周通报-<weekStart>.xlsx')
  @ApiErrorResponses(404)
  async export(@Param('weekStart') weekStart: string, @Res() res: Response): Promise<void> {
    const buffer = await bulletinWorkbook(await this.bulletins.get(weekStart));
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="bulletin-${weekStart}.xlsx"; filename*=UTF-8''${encodeURIComponent(`周通报-${weekStart}.xlsx`)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.send(buffer);
  }
}
