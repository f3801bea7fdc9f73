import { redactPath } from './logging';

describe('redactPath', () => {
  it.each([
    ['/rsvp/AbC-123_xyz', '/rsvp/[token]'],
    ['/calendar/AbC-123_xyz.ics', '/calendar/[token]'],
    ['/unsubscribe/AbC-123_xyz', '/unsubscribe/[token]'],
    ['/login/AbC-123_xyz', '/login/[token]'],
    ['/p/AbC-123_xyz/minutes/5e0c', '/p/[token]/minutes/[token]'],
    ['/minutes/AbC-123_xyz', '/minutes/[token]'],
    ['/s/AbC-123_xyz/notice', '/s/[token]/notice'],
  ])('hides the token in %s', (path, expected) => {
    expect(redactPath(path)).toBe(expected);
  });

  it('leaves paths without personal tokens as they are', () => {
    expect(redactPath('/api/v1/series/3f1c/meetings')).toBe('/api/v1/series/3f1c/meetings');
    expect(redactPath('/units/3f1c')).toBe('/units/3f1c');
  });
});

describe('the request log (pino-http with loggerParams)', () => {
  it('has method, path, status and timing, never the query, body, headers or tokens in the path', async () => {
    const { Writable } = await import('node:stream');
    const http = await import('node:http');
    const pinoHttp = (await import('pino-http')).default;
    const { loggerParams } = await import('./logging');
    let log = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const [options, destination] = loggerParams('info', stream).pinoHttp as [object, typeof stream];
    const logger = pinoHttp(options, destination);
    const server = http.createServer((req, res) => {
      logger(req, res);
      req.resume();
      req.on('end', () => {
        res.statusCode = req.url?.startsWith('/rsvp') ? 400 : 500;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const secret = 'Salainen-mikko@example.fi';
    for (const path of [`/api/v1/people?token=${secret}`, `/rsvp/${secret}?answer=yes`]) {
      await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer kt_${secret}`, Cookie: `kierto_session=${secret}` },
        body: JSON.stringify({ email: secret }),
      });
    }
    await new Promise<void>((r) => server.close(() => r()));
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      req: { method: 'POST', path: '/api/v1/people' },
      res: { statusCode: 500 },
    });
    expect(lines[1]).toMatchObject({ req: { path: '/rsvp/[token]' }, res: { statusCode: 400 } });
    expect(log).not.toContain(secret);
    expect(log).not.toMatch(/token=|kt_|kierto_session|authorization/i);
  });
});
