import os from 'node:os';
import path from 'node:path';
import { docsOutput, itWhen } from './requirements';

describe('test requirements', () => {
  it('writes docs output to a temporary folder unless KIERTO_WRITE_DOCS=1', () => {
    const before = process.env.KIERTO_WRITE_DOCS;
    delete process.env.KIERTO_WRITE_DOCS;
    try {
      expect(docsOutput('screenshots', 'a.png')).toBe(
        path.join(os.tmpdir(), 'kierto-docs', 'screenshots', 'a.png'),
      );
      process.env.KIERTO_WRITE_DOCS = '1';
      // The checkout's own docs/ (the checkout may itself live under the temporary folder).
      expect(docsOutput('screenshots', 'a.png')).toBe(
        path.join(__dirname, '..', '..', '..', 'docs', 'screenshots', 'a.png'),
      );
    } finally {
      if (before === undefined) delete process.env.KIERTO_WRITE_DOCS;
      else process.env.KIERTO_WRITE_DOCS = before;
    }
  });

  it('runs a test whose requirement is met, and never skips one silently in CI', () => {
    expect(itWhen(true, 'x')).toBe(it);
    const missing = itWhen(false, 'x');
    expect(missing).not.toBe(it);
    if (process.env.CI === 'true') expect(missing).not.toBe(it.skip);
    else expect(missing).toBe(it.skip);
  });
});
