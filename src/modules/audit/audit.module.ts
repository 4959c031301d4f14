import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditSealerService } from './audit-sealer.service';
import { AuditService } from './audit.service';
import { AuditVerifierService } from './audit-verifier.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditSealerService, AuditVerifierService],
  exports: [AuditService, AuditSealerService, AuditRepository],
})
export class AuditModule {}
