import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { applyInputLimits } from './http/input-limits';
import { validationPipe } from './http/validation';
import { applySecurityHeaders } from './web/security';

/** Everything main.ts and the tests' createTestApp() both need, so tests run the app users run. */
export function setupApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  applySecurityHeaders(app);
  applyInputLimits(app);
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Kierto API')
    .setDescription(
      'Kierto keeps a rotating meeting of opioid substitution treatment units and their service users alive: ' +
        'the network (series, units, people), the rotation of hosts and the next meeting. Every /api/v1 ' +
        'route needs a coordinator API token (`npm run cli -- coordinator:create --email E --name N`) or the ' +
        "browser session of a logged-in coordinator or staff member (changes then need the page's CSRF token " +
        "in X-CSRF-Token). Staff read their series' agendas, minutes (not drafts), action items and search, " +
        "and update their own unit's action items; docs/access.md has every route. " +
        'Errors: 400 names each bad field `{ errors: [{ field, reasons }] }` (also for NUL characters, nesting deeper ' +
        'than 20 levels and null for a value that cannot be null); 401 without a valid token; 404 for unknown ids ' +
        'and for records that are not for you; 409 for conflicts; 413 for a body over 100 kB; 415 for a body that ' +
        'is not JSON, another charset than UTF-8 or an unknown Content-Encoding; 503 with Retry-After while the ' +
        'database is unreachable. Every answer is sent with Cache-Control: no-store.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A coordinator API token (kt_…)' })
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
