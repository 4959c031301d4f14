import { Global, Module } from '@nestjs/common';
import { LightsRepository } from './lights.repository';
import { LightsService } from './lights.service';

@Global()
@Module({ providers: [LightsRepository, LightsService], exports: [LightsService, LightsRepository] })
export class LightsModule {}
