import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses, ApiXlsxResponse } from '../../common/http/api-responses';
import { Roles } from '../../common/policy/roles.decorator';
import { bulletinWorkbook } from './bulletin-export';
import { BulletinsService } from './bulletins.service';
import { BulletinRunResponseDto, WeeklyBulletinDto } from './dtos/bulletin.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 周通报: read by the command centre and the supervisors; run by the command centre (or Monday 09:00). */
@ApiTags('bulletins')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403)
@Controller('bulletins/weekly')
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Get(':weekStart')
  @Roles('admin', 'commander', 'supervisor')
  @ApiOperation({ summary: 'The stored bulletin of the week starting that Monday; 404 before it ran' })
  @ApiOkResponse({ type: WeeklyBulletinDto })
  @ApiErrorResponses(404)
  get(@Param('weekStart') weekStart: string) {
    return this.bulletins.get(weekStart);
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
