import fs from 'node:fs';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';
import { createTestApp, docsOutput, IN_CI, startSmtpSink, TestApp } from '@kierto/testing';

/** Debian's Chromium (package `chromium`); playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the browser specs leave their screenshots: a temporary folder, or docs/ with `npm run docs:refresh`. */
export const SCREENSHOTS = docsOutput('screenshots');

const haveChromium = fs.existsSync(CHROMIUM);

/**
 * `describe` when Chromium is installed; otherwise `describe.skip`, after a warning that says why
 * (`skipWarning`, by default the general one). Under CI=true a missing Chromium fails instead.
 */
export function describeInBrowser(
  name: string,
  fn: () => void,
  skipWarning = `Skipping the browser tests: ${CHROMIUM} is missing. Install the Debian package chromium (.ci/run does).`,
): void {
  if (!haveChromium && IN_CI) {
    describe(name, () =>
      it('needs Chromium', () => {
        throw new Error(`${skipWarning} (CI=true: missing requirements fail the run)`);
      }),
    );
    return;
  }
  if (!haveChromium) console.warn(skipWarning);
  (haveChromium ? describe : describe.skip)(name, fn);
}

/** Headless Chromium with no sandbox, GPU or background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** axe-core: no serious or critical violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

/**
 * Collects the page's console errors about the Content-Security-Policy (a blocked resource shows as
 * one) into `into`, which it returns; the test expects it to stay empty. With `anyType`, console
 * messages of every type count, not only errors.
 */
export function watchCsp(
  page: Page,
  { into = [], anyType = false }: { into?: string[]; anyType?: boolean } = {},
) {
  page.on('console', (m) => {
    if ((anyType || m.type() === 'error') && /Content Security Policy/i.test(m.text())) into.push(m.text());
  });
  return into;
}

/** A full-page screenshot into SCREENSHOTS (made if missing). */
export async function screenshot(page: Page, file: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: true });
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

export interface WebApp {
  t: TestApp;
  sink: SmtpSink;
  /** The app's address, `http://127.0.0.1:<port>`. */
  base: string;
}

/**
 * The app listening on a free port of 127.0.0.1 and sending its mail to an SMTP sink; `env` adds to
 * or overrides the configuration. PUBLIC_URL is set to the server's address, so links in emails
 * point at it (the config object is the app's own). What started is closed again if a step fails.
 */
export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  const sink = await startSmtpSink();
  let t: TestApp | undefined;
  try {
    t = await createTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'kokous@kierto.example', ...env });
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    t.config.PUBLIC_URL = base;
    return { t, sink, base };
  } catch (err) {
    await closeAll(t, sink);
    throw err;
  }
}

/** Closes each in turn (the browser first, then the app, then the sink); one not started is passed over. */
export async function closeAll(...things: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const thing of things) await thing?.close();
}
