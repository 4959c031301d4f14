import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../../modules/households/households.module';
import { OrgModule } from '../../modules/org/org.module';
import { UsersModule } from '../../modules/users/users.module';
import { DemoSeeder } from './demo-seeder';

@Module({
  imports: [OrgModule, UsersModule, HouseholdsModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class SeedModule {}
