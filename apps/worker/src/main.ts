import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@kierto/config';
import { prepareDatabase } from '@kierto/database';
import { WorkerModule } from './worker.module';

async function bootstrap() {
  const config = loadConfig();
  await prepareDatabase(config, false);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  process.stdout.write('Kierto worker is running.\n');
}

bootstrap().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
