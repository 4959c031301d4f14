import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { PasswordHasher } from './password-hasher';
import { UserStatusCache } from './user-status.cache';
import { UsersController } from './users.controller';
import { UserDirectory } from './user-directory';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [OrgModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, UserDirectory, UserStatusCache, PasswordHasher],
  exports: [UsersService, UserDirectory, UserStatusCache, PasswordHasher],
})
export class UsersModule {}
