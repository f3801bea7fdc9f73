import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { KiertoConfig, publicUrl } from '@kierto/config';

/**
 * Security headers for every response (helmet) with a strict Content-Security-Policy: scripts and
 * styles only from our own origin, nothing inline, no framing, forms post only to us. The Swagger UI
 * at /api/docs ships inline styles and data: images, so that path alone allows them.
 */
export function applySecurityHeaders(app: INestApplication): void {
  const https = publicUrl(app.get(KiertoConfig)).startsWith('https:');
  const directives = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'object-src': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
  const common = {
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
  };
  const strict = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives } });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...directives,
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
      },
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.path === '/api/docs' || req.path.startsWith('/api/docs/')
      ? docs(req, res, next)
      : strict(req, res, next),
  );
}
