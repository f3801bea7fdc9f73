import { Browser, Page } from 'playwright-core';
import { MailDispatcher, OutboxService } from '@kierto/mail';
import { Meeting } from '@kierto/meetings';
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
 * Issue 12, part B on a 360 px phone in Chromium: the proposal email's link → login → back on the
 * meeting page → Vahvista; inviting a colleague as coordinator; the colleague logs in from the
 * invitation email; the handover page names the successor, who gets the handover email.
 */
describeInBrowser('proposal link, invitation and handover (browser)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  const KAISA = 'kaisa.handover@example.test';
  const VILLE = 'ville.handover@example.test';
  const dispatch = () => t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
  const linkIn = (text: string, path: RegExp) => {
    const match = new RegExp(`${base}(${path.source})`).exec(text);
    if (!match) throw new Error(`No link ${path.source} in the message`);
    return match[1];
  };

  beforeAll(async () => {
    ({ t, sink, base } = await startWebApp());
    const { auth } = await t.coordinator(KAISA, 'Kaisa Koordinaattori');
    network = await createWebNetwork(t, auth);
    // The worker's hook: the coordinators are asked to confirm the proposal by email.
    const meeting = await t.db.getRepository(Meeting).findOneByOrFail({ id: network.meetingId });
    await t.db.transaction((em) => t.app.get(OutboxService).proposedByWorker(em, meeting));
    await dispatch();
    browser = await launchChromium();
  });
  afterAll(() => closeAll(browser, t, sink));

  async function logInFromEmail(page: Page, email: string, count: number) {
    const mails = await waitForMail(sink.received, email, count);
    await page.goto(`${base}${loginPathOf(mails[count - 1])}`);
    await page.getByRole('heading', { name: 'Kirjaudu Kiertoon' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  }

  it('confirms from the email link, invites a colleague, hands the role over', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const cspErrors = watchCsp(page);

    // The proposal email: its link opens the meeting page, through the login page.
    const [proposal] = await waitForMail(sink.received, KAISA);
    const meetingPath = linkIn(String(proposal.parsed.text), /\/meetings\/[0-9a-f-]{36}/);
    expect(meetingPath).toBe(`/meetings/${network.meetingId}`);
    await page.goto(`${base}${meetingPath}`);
    await page
      .getByText('Kirjaudu ensin. Sähköpostin linkistä pääset suoraan sivulle, jonka avasit.')
      .waitFor();
    await expectAccessible(page);
    await page.getByLabel('Sähköpostiosoite').fill(KAISA);
    await page.getByRole('button', { name: 'Lähetä linkki' }).click();
    await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
    await logInFromEmail(page, KAISA, 2);

    // Back on the meeting page: the proposal's facts and the Vahvista button (a POST).
    await page.getByRole('heading', { name: /^Kokous 1:/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(meetingPath);
    await page.getByText('A-klinikka').first().waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Vahvista kokous' }).click();
    await page.getByText('Kokous on vahvistettu. Kutsut lähtevät nyt.').waitFor();
    await dispatch();
    const own = await waitForMail(sink.received, KAISA, 3);
    expect(own[2].parsed.subject).toMatch(/^Kutsu/);

    // Settings: invite a colleague by address.
    await page.goto(`${base}/series/${network.seriesId}/settings#coordinators`);
    const coordinators = page.getByRole('region', { name: 'Koordinaattorit' });
    await coordinators.getByLabel('Kollegan nimi').fill('Ville Uusi');
    await coordinators.getByLabel('Kollegan sähköpostiosoite').fill(VILLE);
    await coordinators.getByRole('button', { name: 'Lähetä kutsu' }).click();
    await page.getByText('Kutsu on lähetetty.').waitFor();
    await page.getByText('Kutsuttu, ei vielä kirjautunut').waitFor();
    await expectAccessible(page);

    // The colleague logs in from the invitation email and lands on the series.
    const colleague = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const villePage = await colleague.newPage();
    const [invite] = await waitForMail(sink.received, VILLE);
    expect(invite.parsed.subject).toBe('Kutsu koordinaattoriksi: Kiertävä kokous, Vantaa');
    await logInFromEmail(villePage, VILLE, 1);
    await villePage.getByRole('region', { name: 'Kiertävä kokous, Vantaa' }).waitFor();
    expect(new URL(villePage.url()).pathname).toBe('/');

    // The handover page names the successor and asks to confirm.
    await page.reload();
    await page.getByRole('link', { name: 'Luovuta tehtävä ja lopeta koordinaattorina' }).click();
    await page.getByRole('heading', { name: 'Luovuta koordinaattorin tehtävä' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'handover.png');
    await page.getByRole('button', { name: 'Luovuta tehtävä' }).click();
    await page.getByText('Rastita ruutu, jos haluat luovuttaa tehtävän.').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Seuraaja').selectOption({ label: 'Ville Uusi' });
    await page.getByLabel('Kyllä, luovutan tehtävän ja lopetan tämän sarjan koordinaattorina').check();
    await page.getByRole('button', { name: 'Luovuta tehtävä' }).click();
    await page.getByRole('heading', { name: 'Tehtävä on luovutettu' }).waitFor();
    await page.getByText('Ville Uusi on nyt sarjan "Kiertävä kokous, Vantaa" koordinaattori.').waitFor();
    await expectAccessible(page);

    // The successor's handover email, with links to pages.
    await dispatch();
    const mails = await waitForMail(sink.received, VILLE, 2);
    const handover = mails.find((m) => /^Olet nyt koordinaattori/.test(m.parsed.subject ?? ''));
    expect(handover).toBeDefined();
    const text = String(handover?.parsed.text);
    expect(text).toContain('Kaisa Koordinaattori luovutti sinulle');
    expect(text).toContain(`${base}/meetings/${network.meetingId}`);
    await villePage.goto(linkIn(text, /\/meetings\/[0-9a-f-]{36}/).replace(/^/, base));
    await villePage.getByRole('heading', { name: /^Kokous 1:/ }).waitFor();
    expect(cspErrors).toEqual([]);
    await context.close();
    await colleague.close();
  });
});
