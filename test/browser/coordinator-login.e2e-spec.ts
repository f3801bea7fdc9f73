import fs from 'node:fs';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';
import { MailDispatcher } from '@kierto/mail';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { createWebNetwork, loginPathOf, waitForMail } from './web-fixtures';

/** Debian's Chromium (package `chromium`); playwright never downloads a browser here. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '..', '..', 'docs', 'screenshots');
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `Skipping the browser tests: ${CHROMIUM} is missing. Install the Debian package chromium (.ci/run does).`,
  );
}

/**
 * A coordinator in a real browser: asks for a login link, opens it from the email, confirms the
 * login, sees the dashboard, confirms the proposed meeting; the invitation then reaches the mail
 * server. Every page is checked with axe-core (no serious or critical violations) and for CSP errors.
 */
(haveChromium ? describe : describe.skip)('coordinator logs in and confirms a meeting (browser)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  const COORDINATOR = 'koordinaattori@example.test';

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'kokous@kierto.example' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // Links in emails must point at this server: the config object is the app's own.
    t.config.PUBLIC_URL = base;
    const { auth } = await t.coordinator(COORDINATOR, 'Kaisa Koordinaattori');
    network = await createWebNetwork(t, auth);
    browser = await chromium.launch({
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
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  async function expectAccessible(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
  }

  it('logs in by email link, confirms the meeting, and the invitation goes out', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });

    // The login page, in Finnish first; the language switch works.
    await page.goto(`${base}/login`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await page.getByRole('link', { name: 'Suomi' }).click();
    await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'login.png'), fullPage: true });

    await page.getByLabel('Sähköpostiosoite').fill(COORDINATOR);
    await page.getByRole('button', { name: 'Lähetä linkki' }).click();
    await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
    await expectAccessible(page);

    // The link from the email opens a page with a button; only the button logs in.
    const [mail] = await waitForMail(sink.received, COORDINATOR);
    await page.goto(`${base}${loginPathOf(mail)}`);
    await page.getByRole('heading', { name: 'Kirjaudu Kiertoon' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();

    // The dashboard: the series, the proposed meeting, the Confirm button.
    await page.getByRole('heading', { name: 'Kokoukset' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText('Kaisa Koordinaattori').first().waitFor();
    const series = page.getByRole('region', { name: 'Kiertävä kokous, Vantaa' });
    await series.getByText('Ehdotus, ei vielä vahvistettu').waitFor();
    await expectAccessible(page);

    await series.getByRole('button', { name: 'Vahvista kokous' }).click();
    await page.getByText('Kokous on vahvistettu. Kutsut lähtevät nyt.').waitFor();
    await series.getByText('Vahvistettu', { exact: true }).waitFor();
    expect(await series.getByRole('button', { name: 'Vahvista kokous' }).count()).toBe(0);
    await expectAccessible(page);

    // The worker's job, run here: the invitations reach the mail server.
    await t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
    const [invitation] = await waitForMail(sink.received, network.emails.anna);
    expect(invitation.parsed.subject).toMatch(/^Kutsu/);
    expect(invitation.parsed.text).toContain('Hämeentie 1, Helsinki');
    await waitForMail(sink.received, network.emails.erik);

    await page.goto(`${base}/`);
    await series.getByText(/3 lähetetty/).waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

    // On a 360 px phone nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(overflow).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-phone.png'), fullPage: true });

    // Logout from the header.
    await page.getByRole('button', { name: 'Kirjaudu ulos', exact: true }).click();
    await page.getByRole('heading', { name: 'Olet kirjautunut ulos' }).waitFor();
    await expectAccessible(page);
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();

    // The RSVP page from the invitation (no account) uses the same layout and stylesheet.
    const rsvp = /https?:\/\/[^\s]+\/rsvp\/[A-Za-z0-9_-]+/.exec(String(invitation.parsed.text));
    expect(rsvp).not.toBeNull();
    await page.goto(new URL(new URL((rsvp as RegExpExecArray)[0]).pathname, base).toString());
    await page.getByRole('heading', { name: 'Tuletko kokoukseen?' }).waitFor();
    await expectAccessible(page);

    // The API docs (Swagger UI) still work under their relaxed policy.
    await page.goto(`${base}/api/docs`);
    await page.getByText('Kierto API').first().waitFor();

    // Nothing was blocked by the Content-Security-Policy (it would show as a console error).
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await context.close();
  });
});
