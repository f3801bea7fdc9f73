import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ConfigError, isLoopbackHost, loadConfig, publicUrl } from '@kierto/config';
import { outboxFolder } from '@kierto/mail';
import { DEMO_COORDINATOR_EMAIL, prepareDatabase } from '@kierto/database';
import { AppModule } from './app.module';
import { setupApp } from './setup-app';

async function bootstrap() {
  const config = loadConfig();
  const seeded = await prepareDatabase(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  setupApp(app);
  // Loopback unless HOST says otherwise: a laptop demo is not reachable from the network.
  const host = config.HOST ?? '127.0.0.1';
  await app.listen(config.PORT, host);
  const url = publicUrl(config);
  const loopback = isLoopbackHost(host);
  const lines = [
    '',
    `Kierto is running at ${url}`,
    loopback
      ? `  Listening on ${host} only (this computer). Set HOST=0.0.0.0 to serve the network.`
      : `  Listening on ${host}:${config.PORT}: reachable from the network.`,
    ...(!loopback && !config.PUBLIC_URL
      ? [`  WARNING: PUBLIC_URL is not set, so links in emails point to ${url}. Set PUBLIC_URL.`]
      : []),
    `  Log in: npm run cli -- login-link --email ${seeded ?? (config.DEMO === 'off' ? 'you@example.fi' : DEMO_COORDINATOR_EMAIL)}`,
    ...(!config.SMTP_URL
      ? [`  No SMTP_URL: emails are written under ${outboxFolder(config)} (listed at ${url}/dev/outbox)`]
      : []),
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
