import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, publicUrl } from '@kierto/config';
import { prepareDatabase } from '@kierto/database';
import { AppModule } from './app.module';
import { setupApp } from './setup-app';

async function bootstrap() {
  const config = loadConfig();
  const seeded = await prepareDatabase(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  setupApp(app);
  if (config.HOST) await app.listen(config.PORT, config.HOST);
  else await app.listen(config.PORT);
  const url = publicUrl(config);
  const lines = [
    '',
    `Kierto is running at ${url}`,
    `  API docs:  ${url}/api/docs   health: ${url}/health`,
    seeded
      ? `  Demo data is in place. Get an API token for the demo coordinator:\n    npm run cli -- coordinator:create --email ${seeded} --name "Demo Coordinator"`
      : `  Get an API token: npm run cli -- coordinator:create --email you@example.fi --name "Your Name"`,
    `  Then: curl -H "Authorization: Bearer <token>" ${url}/api/v1/series`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

bootstrap().catch((e) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
