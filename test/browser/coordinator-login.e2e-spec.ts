import { Browser } from 'playwright-core';
import { MailDispatcher } from '@kierto/mail';
import { TestApp } from '@kierto/testing';
import {
  closeAll,
  describeInBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
  SmtpSink,
  startWebApp,
  watchCsp,
} from './browser';
import { createWebNetwork, loginPathOf, waitForMail } from './web-fixtures';

/**
 * A coordinator in a real browser: asks for a login link, opens it from the email, confirms the
 * login, sees the dashboard, confirms the proposed meeting; the invitation then reaches the mail
 * server. Every page is checked with axe-core (no serious or critical violations) and for CSP errors.
 */
describeInBrowser('coordinator logs in and confirms a meeting (browser)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  const COORDINATOR = 'koordinaattori@example.test';

  beforeAll(async () => {
    ({ t, sink, base } = await startWebApp());
    const { auth } = await t.coordinator(COORDINATOR, 'Kaisa Koordinaattori');
    network = await createWebNetwork(t, auth);
    browser = await launchChromium();
  });
  afterAll(() => closeAll(browser, t, sink));

  it('logs in by email link, confirms the meeting, and the invitation goes out', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const cspErrors = watchCsp(page);

    // The login page, in Finnish first; the language switch works.
    await page.goto(`${base}/login`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await page.getByRole('link', { name: 'Suomi' }).click();
    await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
    await screenshot(page, 'login.png');

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
    // Anna, Erik, Tiina and the coordinator herself (a member of her own meetings).
    await series.getByText(/4 lähetetty/).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'dashboard.png');

    // On a 360 px phone nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(overflow).toBeLessThanOrEqual(360);
    await screenshot(page, 'dashboard-phone.png');

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
    expect(cspErrors).toEqual([]);
    await context.close();
  });
});
