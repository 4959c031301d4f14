import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { UsersModule } from '../users/users.module';
import { TimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';

@Module({
  imports: [HouseholdsModule, UsersModule],
  controllers: [TimelineController],
  providers: [TimelineService],
})
export class TimelineModule {}
