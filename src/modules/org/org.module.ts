import { Module } from '@nestjs/common';
import { OrgController } from './org.controller';
import { OrgDirectory } from './org-directory';
import { OrgRepository } from './org.repository';
import { OrgService } from './org.service';

@Module({
  controllers: [OrgController],
  providers: [OrgRepository, OrgService, OrgDirectory],
  exports: [OrgService, OrgDirectory],
})
export class OrgModule {}
