import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditCheckpointKey } from './audit-checkpoint-key';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditSealerService } from './audit-sealer.service';
import { AuditService } from './audit.service';
import { AuditVerifierService } from './audit-verifier.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AuditRepository,
    AuditService,
    AuditSealerService,
    AuditVerifierService,
    {
      provide: AuditCheckpointKey,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new AuditCheckpointKey(config.auditKey),
    },
  ],
  exports: [AuditService, AuditSealerService],
})
export class AuditModule {}
