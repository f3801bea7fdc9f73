import { ConfigError, isLoopbackHost, loadConfig } from './kierto-config';

describe('loadConfig', () => {
  it('accepts a minimal environment and fills defaults', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/k' });
    expect(c.PORT).toBe(3000);
    expect(c.DEMO).toBe('on');
    expect(c.SMTP_URL).toBeUndefined();
  });

  it('lists every bad key at once', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', DEMO: 'maybe', SMTP_URL: 'http://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(keys).toEqual(['DATABASE_URL', 'DEMO', 'PORT', 'SMTP_URL']);
  });

  it('reports a missing DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.1', false],
    ['127.0.0.1.example.fi', false],
    [undefined, false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
