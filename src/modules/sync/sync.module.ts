import { Module } from '@nestjs/common';
import { SyncController } from './sync.controller';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';
import { SyncHousekeeping } from './sync-housekeeping';

@Module({
  controllers: [SyncController],
  providers: [SyncRepository, SyncService, SyncHousekeeping],
})
export class SyncModule {}
