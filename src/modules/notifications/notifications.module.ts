import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { NotifyJob } from './jobs/notify.job';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { NotifyService } from './notify.service';

/** Notifications: the outbox's events (approval awaiting, problem assigned, a visit's concerns) and the dispatch's notices. */
@Module({
  imports: [UsersModule],
  providers: [NotificationsRepository, NotificationsService, NotifyService, NotifyJob],
  exports: [NotificationsService],
})
export class NotificationsModule {}
