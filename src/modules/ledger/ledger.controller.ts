import {
  Controller,
  Get,
  HttpCode,
  Logger,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses, ApiXlsxResponse, XLSX } from '../../common/http/api-responses';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Roles } from '../../common/policy/roles.decorator';
import { businessDate } from '../../common/time/business-clock';
import { HouseholdQueryDto } from '../households/dtos/household.dto';
import { ImportQueryDto, ImportResultDto } from './dtos/ledger.dto';
import { LedgerExportService } from './ledger-export.service';
import { LedgerImportService } from './ledger-import.service';
import { LedgerTemplateService } from './ledger-template.service';
import { LedgerUploadInterceptor } from './ledger-upload.interceptor';
import { LedgerErrors } from './ledger.errors';

function download(res: Response, fileName: string, asciiName: string): void {
  res.setHeader('Content-Type', XLSX);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * The household ledger (台账) in and out of Excel. Registered before HouseholdsController (LedgerModule
 * comes first in AppModule), so /households/export is not taken for GET /households/:id.
 */
@ApiTags('households')
@ApiBearerAuth()
@ApiErrorResponses(401)
@Controller('households')
export class LedgerController {
  private readonly logger = new Logger(LedgerController.name);

  constructor(
    private readonly template: LedgerTemplateService,
    private readonly importer: LedgerImportService,
    private readonly exporter: LedgerExportService,
  ) {}

  @Get('import/template')
  @ApiOperation({ summary: 'The ledger template: sheets 户籍台账 and 家庭成员, Chinese headers, drop-downs' })
  @ApiXlsxResponse("户籍台账模板.xlsx: drop-downs list the caller's townships and villages")
  async getTemplate(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    download(res, '户籍台账模板.xlsx', 'ledger-template.xlsx');
    await this.template.write(actor, res);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'commander', 'official')
  @UseInterceptors(LedgerUploadInterceptor)
  @ApiOperation({
    summary: 'Import a ledger (.xlsx, or a CSV of 户籍台账 only): upsert by 户编号, row-by-row error report',
    description:
      'A CSV (UTF-8 with or without BOM, GBK/GB18030 or UTF-16; comma or tab) carries the 户籍台账 columns, one ' +
      'household per row, and no members: existing members are kept, a new household gets its head. ' +
      '`?dryRun=true` checks every row and writes nothing. Officials import within their own township.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ImportResultDto, description: 'counts, row errors and notes (also for a dry run)' })
  @ApiErrorResponses(400, 403, 413)
  async importLedger(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query() query: ImportQueryDto,
  ): Promise<ImportResultDto> {
    if (!file) throw LedgerErrors.noFile();
    return this.importer.import(
      actor,
      { name: file.originalname, buffer: file.buffer },
      { dryRun: query.dryRun === true },
    );
  }

  @Get('export')
  @ApiOperation({ summary: 'The households the list would show (same filters and scope), as a ledger .xlsx' })
  @ApiXlsxResponse("户籍台账-<date>.xlsx, in the template's format")
  @ApiErrorResponses(400, 403)
  async exportLedger(
    @CurrentActor() actor: Actor,
    @Query() query: HouseholdQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    this.exporter.assertAllowed(actor, query);
    const date = businessDate(new Date()).replace(/-/g, '');
    download(res, `户籍台账-${date}.xlsx`, `ledger-${date}.xlsx`);
    try {
      await this.exporter.write(actor, query, res);
    } catch (error) {
      // Once the file has started there is no JSON error to send: cut the download so it is not mistaken for complete.
      if (!res.headersSent) throw error;
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      res.destroy();
    }
  }
}
