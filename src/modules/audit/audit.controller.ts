import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse } from '../../common/http/api-responses';
import { Page } from '../../common/http/pagination';
import { ServedBy } from '../../common/http/served-by';
import { Roles } from '../../common/policy/roles.decorator';
import { auditEntryView } from './audit-entry.view';
import { AuditService } from './audit.service';
import { AuditSealerService } from './audit-sealer.service';
import { AuditVerifierService, VerifyResult } from './audit-verifier.service';
import { AuditEntryDto, AuditVerifyResultDto } from './dtos/audit.dto';
import { AuditQueryDto, VerifyQueryDto } from './dtos/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403)
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly sealer: AuditSealerService,
    private readonly verifier: AuditVerifierService,
  ) {}

  @Get()
  @ServedBy('writer') // seals what is pending first
  @Roles('admin', 'supervisor')
  @ApiPageResponse(AuditEntryDto)
  async list(@Query() query: AuditQueryDto): Promise<Page<Record<string, unknown>>> {
    await this.sealer.sealPending();
    const [rows, total] = await this.audit.list(
      {
        entityType: query.entityType,
        entityId: query.entityId,
        actorId: query.actorId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      query.page,
      query.pageSize,
    );
    const items = rows.map(auditEntryView);

    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  @Get('verify')
  @ServedBy('writer') // seals what is pending first
  @Roles('admin')
  @ApiOkResponse({ type: AuditVerifyResultDto })
  verify(@Query() query: VerifyQueryDto): Promise<VerifyResult> {
    return this.verifier.verify(
      query.entries !== undefined && query.head ? { entries: query.entries, head: query.head } : undefined,
    );
  }
}
