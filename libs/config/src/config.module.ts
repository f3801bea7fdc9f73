import { Global, Module } from '@nestjs/common';
import { KiertoConfig, loadConfig } from './kierto-config';

/** Provides the validated KiertoConfig; the process fails at boot when a key is bad. */
@Global()
@Module({
  providers: [{ provide: KiertoConfig, useFactory: () => loadConfig() }],
  exports: [KiertoConfig],
})
export class ConfigModule {}
