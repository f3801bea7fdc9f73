import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

/**
 * Structured JSON logs with a request id. Only method, path (query string dropped: RSVP and
 * calendar tokens travel in paths and queries), status and timing are logged; never headers with
 * credentials, bodies, emails or names.
 */
export function loggerParams(level: string, stream?: DestinationStream): Params {
  const options = {
    level,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: redactPath(req.url.split('?')[0]),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
    customProps: () => ({ app: 'kierto-api' }),
  };
  // A stream of its own for tests that read the log; otherwise standard output.
  return { pinoHttp: stream ? [options, stream] : options };
}

/**
 * Personal tokens and link keys in paths (/rsvp/<token>, /calendar/<token>.ics, /p/<token>/…,
 * /minutes/<token>, /s/<key>) are replaced before logging. Record ids after /minutes/ in the API are
 * replaced too, which costs nothing.
 */
export function redactPath(path: string): string {
  return path.replace(/\/(rsvp|calendar|u|login|unsubscribe|propose|p|minutes|s)\/[^/]+/g, '/$1/[token]');
}
