import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { PasswordHasher } from './password-hasher';
import { UserStatusCache } from './user-status.cache';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [OrgModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, UserStatusCache, PasswordHasher],
  exports: [UsersRepository, UsersService, UserStatusCache, PasswordHasher],
})
export class UsersModule {}
