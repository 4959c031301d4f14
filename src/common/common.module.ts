import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PiiCipher } from './pii/pii-cipher';
import { Clock, SystemClock } from './time/business-clock';

@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    {
      provide: PiiCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new PiiCipher(config.piiKey),
    },
  ],
  exports: [Clock, PiiCipher],
})
export class CommonModule {}
