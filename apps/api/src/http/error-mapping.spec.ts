import { Logger, LoggerService } from '@nestjs/common';
import { ArgumentsHost } from '@nestjs/common';
import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { clientErrorOf, isDatabaseUnavailable, stackFrames } from './error-mapping';

const pgError = (code: string, message = 'x', column?: string) =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code, column }));

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'terminated by an administrator (57P01)',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['too many connections (53300)', Object.assign(new Error('sorry, too many clients'), { code: '53300' })],
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'refused on both addresses (AggregateError)',
      new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], ''),
    ],
    [
      'connection lost mid-query',
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
    ],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'connections not allowed (55000)',
      Object.assign(new Error('database "k" is not currently accepting connections'), { code: '55000' }),
    ],
  ])('%s: yes', (_, e) => expect(isDatabaseUnavailable(e)).toBe(true));

  it.each([
    ['a unique violation', pgError('23505')],
    ['a syntax error in input', pgError('22P02')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'map')")],
    ['nothing', undefined],
  ])('%s: no', (_, e) => expect(isDatabaseUnavailable(e)).toBe(false));

  it('recognises the error of a real connection that is refused', async () => {
    // Port 1 on localhost: nothing listens there.
    const c = new Client({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 });
    const e = await c.connect().then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).not.toBeNull();
    expect(isDatabaseUnavailable(e)).toBe(true);
  });
});

describe('clientErrorOf', () => {
  it('names the column of a NOT NULL violation, in the API spelling', () => {
    expect(clientErrorOf(pgError('23502', 'null value', 'display_name'))).toMatchObject({
      status: 400,
      errors: [{ field: 'displayName', reasons: ['displayName must be given'] }],
    });
  });
  it('maps a NUL byte refused by PostgreSQL (22021) to 400', () => {
    expect(clientErrorOf(pgError('22021'))?.status).toBe(400);
  });
  it.each([
    ['entity.too.large', 413],
    ['encoding.unsupported', 415],
    ['charset.unsupported', 415],
    ['entity.parse.failed', 400],
  ])('body-parser %s is %i', (type, status) => {
    expect(clientErrorOf(Object.assign(new Error('x'), { type, status, expose: true }))?.status).toBe(status);
  });
  it('leaves real faults alone', () => expect(clientErrorOf(new Error('boom'))).toBeUndefined());
});

describe('AllExceptionsFilter logging', () => {
  it('logs route, status and class of a 500, not the message or the query string', () => {
    const lines: string[] = [];
    const capture: LoggerService = {
      log: () => undefined,
      warn: (m: unknown) => lines.push(String(m)),
      error: (m: unknown) => lines.push(String(m)),
    };
    Logger.overrideLogger(capture);
    let status = 0;
    let sent: unknown;
    const res = {
      headersSent: false,
      status(s: number) {
        status = s;
        return this;
      },
      json(b: unknown) {
        sent = b;
        return this;
      },
      set() {
        return this;
      },
    };
    const req = { method: 'POST', path: '/api/v1/people', originalUrl: '/api/v1/people?token=kt_secret' };
    const host = {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ArgumentsHost;
    new AllExceptionsFilter().catch(new TypeError('bad value: mikko@example.fi'), host);
    Logger.overrideLogger(false);
    expect(status).toBe(500);
    expect(sent).toEqual({ statusCode: 500, message: 'Internal server error' });
    expect(lines.join('\n')).toContain('POST /api/v1/people 500 TypeError');
    expect(lines.join('\n')).not.toMatch(/mikko|kt_secret|token=/);
  });

  it('keeps the stack frames of an error and drops its message', () => {
    const frames = stackFrames(new Error('secret value'));
    expect(frames).toMatch(/^\s+at /);
    expect(frames).not.toContain('secret value');
  });
});
