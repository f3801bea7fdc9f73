import os from 'node:os';
import path from 'node:path';

/** True in CI (`CI=true`): there a missing system package fails the run instead of skipping tests. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * `it` when the requirement is met; otherwise `it.skip` on a developer's machine, and under CI a test
 * that fails with `why`, so a CI machine without Chromium or Voikko can never pass by skipping.
 */
export function itWhen(available: boolean, why: string): jest.It {
  if (available) return it;
  if (!IN_CI) return it.skip;
  const failing = ((name: string) =>
    it(name, () => {
      throw new Error(`${why} (CI=true: missing requirements fail the run)`);
    })) as unknown as jest.It;
  return failing;
}

/**
 * Where tests write files meant for the docs (screenshots, measured figures): a temporary folder, so a
 * test run never rewrites committed files. `KIERTO_WRITE_DOCS=1` (npm run docs:refresh) writes into
 * `docs/` instead.
 */
export function docsOutput(...parts: string[]): string {
  const root =
    process.env.KIERTO_WRITE_DOCS === '1'
      ? path.join(__dirname, '..', '..', '..', 'docs')
      : path.join(os.tmpdir(), 'kierto-docs');
  return path.join(root, ...parts);
}
