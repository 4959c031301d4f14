import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { DuplicatesModule } from '../duplicates/duplicates.module';
import { IntentsModule } from '../intents/intents.module';
import { OrgModule } from '../org/org.module';
import { UsersModule } from '../users/users.module';
import { LedgerContextLoader } from './ledger-context';
import { LedgerDuplicates } from './ledger-duplicates';
import { LedgerExportService } from './ledger-export.service';
import { LedgerImportService } from './ledger-import.service';
import { LedgerReader } from './ledger-reader';
import { LedgerTemplateService } from './ledger-template.service';
import { LedgerUploadInterceptor } from './ledger-upload.interceptor';
import { LedgerWriter } from './ledger-writer';
import { LedgerController } from './ledger.controller';

/** The household ledger (台账): template, import and export over HTTP, and the `npm run ledger` command. */
@Module({
  imports: [HouseholdsModule, OrgModule, UsersModule, IntentsModule, DuplicatesModule],
  controllers: [LedgerController],
  providers: [
    LedgerReader,
    LedgerContextLoader,
    LedgerWriter,
    LedgerDuplicates,
    LedgerImportService,
    LedgerTemplateService,
    LedgerExportService,
    LedgerUploadInterceptor,
  ],
  exports: [LedgerImportService, LedgerExportService],
})
export class LedgerModule {}
