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
import { createWebNetwork, waitForMail } from './web-fixtures';
import { coordinatorApi, publishMinutesWithAction } from './unit-fixtures';

interface Proposal {
  title: string;
  status: string;
  anonymous: boolean;
  proposerId: string | null;
  notifyProposer: boolean;
}

/**
 * A service user in a real browser, without an account: opens the personal link from the invitation
 * email, answers yes, goes on to their own pages and proposes a topic by name (asking to be told) and
 * one anonymously; reads the published minutes and "you said, we did" of their series. The link
 * opens nothing of another series. Every page is checked with axe-core and for CSP errors.
 */
describeInBrowser('service user: personal link pages (browser)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let auth: string;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  let api: ReturnType<typeof coordinatorApi>;
  let token: string;

  beforeAll(async () => {
    ({ t, sink, base } = await startWebApp());
    auth = (await t.coordinator('koordinaattori@example.test', 'Kaisa Koordinaattori')).auth;
    api = coordinatorApi(t, auth);
    network = await createWebNetwork(t, auth);
    // The coordinator confirms; the worker's job (run here) sends the invitations.
    await api.post(`/api/v1/meetings/${network.meetingId}/confirm`).expect(200);
    await t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
    browser = await launchChromium();
  });
  afterAll(() => closeAll(browser, t, sink));

  const proposals = async (): Promise<Proposal[]> =>
    (await api.get(`/api/v1/series/${network.seriesId}/proposals`).expect(200)).body.items;

  it('opens the link from the invitation, answers yes and proposes a topic', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const cspErrors = watchCsp(page);

    const [invitation] = await waitForMail(sink.received, network.emails.tiina);
    const link = /https?:\/\/[^\s]+\/rsvp\/([A-Za-z0-9_-]+)/.exec(String(invitation.parsed.text));
    expect(link).not.toBeNull();
    token = (link as RegExpExecArray)[1];
    await page.goto(new URL(new URL((link as RegExpExecArray)[0]).pathname, base).toString());
    await page.getByRole('heading', { name: 'Tuletko kokoukseen?' }).waitFor();
    await page.getByLabel('Tulen').check();
    await page.getByRole('button', { name: 'Lähetä vastaus' }).click();
    await page.getByText('Kiitos! Vastauksesi on tallennettu:').waitFor();
    await expectAccessible(page);

    // From the RSVP page to the person's own pages (the same token).
    await page.getByRole('link', { name: 'Omat sivusi: ehdota aihetta ja lue muistiot' }).click();
    await page.getByRole('heading', { level: 1, name: 'Omat sivusi' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/p/${token}`);
    await page.getByText('Hei Tiina · Kiertävä kokous, Vantaa').waitFor();
    expect(await page.locator('#me-answer').textContent()).toBe('Tulen');
    await page.getByText('Hämeentie 1, Helsinki').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'me-home.png');

    // A topic without a title: the error is tied to the field.
    await page.getByRole('link', { name: 'Ehdota aihetta kokoukseen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ehdota aihetta kokoukseen' }).waitFor();
    await page.getByRole('button', { name: 'Lähetä ehdotus' }).click();
    const title = page.getByLabel('Aihe (muutama sana)');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await title.getAttribute('aria-describedby')}`).textContent()).toMatch(
      /Kirjoita aihe/,
    );
    await expectAccessible(page);

    // By name, with "tell me what happens" ticked.
    await title.fill('Jonottaminen lääkkeenjakoon');
    await page.getByLabel('Kerro lisää (ei pakollinen)').fill('Jono on pitkä aamulla.');
    await page.getByLabel('Kerro minulle, mitä ehdotukselle tapahtuu').check();
    await page.getByRole('button', { name: 'Lähetä ehdotus' }).click();
    await page.getByText('Kiitos! Ehdotuksesi on vastaanotettu. Koordinaattori käsittelee sen.').waitFor();
    await expectAccessible(page);
    expect((await proposals()).find((p) => p.title === 'Jonottaminen lääkkeenjakoon')).toMatchObject({
      status: 'pending',
      anonymous: false,
      proposerId: network.people.tiina,
      notifyProposer: true,
    });

    // Anonymously: nobody is recorded.
    await page.getByRole('link', { name: 'Ehdota toista aihetta' }).click();
    await page.getByLabel('Aihe (muutama sana)').fill('Seulonnan aikataulu');
    await page.getByLabel('Ehdotan nimettömänä').check();
    await page.getByRole('button', { name: 'Lähetä ehdotus' }).click();
    await page.getByText(/vastaanotettu nimettömänä/).waitFor();
    expect((await proposals()).find((p) => p.title === 'Seulonnan aikataulu')).toMatchObject({
      status: 'pending',
      anonymous: true,
      proposerId: null,
      notifyProposer: false,
    });

    // "You said, we did" and the (still empty) minutes archive of the series.
    await page.getByRole('link', { name: 'Takaisin omille sivuille' }).click();
    await page.getByRole('link', { name: /Te sanoitte, me teimme/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Te sanoitte, me teimme' }).waitFor();
    await expectAccessible(page);
    await page.goto(`${base}/p/${token}/minutes`);
    await page.getByText('Julkaistuja muistioita ei vielä ole.').waitFor();
    await expectAccessible(page);

    // On a 360 px phone nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}/p/${token}`);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);

    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('shows the published minutes of the series and nothing of another series', async () => {
    const own = await publishMinutesWithAction(t, auth, network.meetingId, {
      items: [{ title: 'Jonottaminen', notes: 'Jono on pitkä.', decisions: 'Kokeillaan ajanvarausta.' }],
      present: [network.people.anna, network.people.tiina],
    });
    // Another series of the same coordinator, with published minutes of its own.
    const other = (
      await api
        .post('/api/v1/series', {
          name: 'Kiertävä kokous, Espoo',
          cadenceMonths: 2,
          dayRule: { nth: 1, weekday: 3 },
          startTime: '13:00',
          durationMinutes: 90,
        })
        .expect(201)
    ).body.id;
    const unit = (
      await api
        .post('/api/v1/units', { name: 'Tukikohta', streetAddress: 'Kivenlahdentie 3, Espoo' })
        .expect(201)
    ).body.id;
    await api.put(`/api/v1/series/${other}/rotation`, { unitIds: [unit] }).expect(200);
    const otherMeeting = (await api.post(`/api/v1/series/${other}/meetings/next`).expect(201)).body.id;
    await api.post(`/api/v1/meetings/${otherMeeting}/confirm`).expect(200);
    const foreign = await publishMinutesWithAction(t, auth, otherMeeting, {
      items: [{ title: 'Espoon asia', notes: 'Vain Espoolle.', decisions: 'Ei koske Vantaata.' }],
      present: [],
    });

    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/p/${token}/minutes`);
    await page.getByRole('link', { name: /1\. kokous/ }).click();
    await page.getByText('Kokeillaan ajanvarausta.').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/p/${token}/minutes/${own.minutesId}`);
    await page.getByText('Palvelun käyttäjiä: 1').waitFor();
    expect(await page.getByText('Tiina').count()).toBe(0);
    await expectAccessible(page);

    for (const p of [
      `/p/${token}/minutes/${foreign.minutesId}`,
      `/p/${token}/minutes/${crypto.randomUUID()}`,
      `/p/${'x'.repeat(43)}`,
      `/p/${'x'.repeat(43)}/minutes/${own.minutesId}`,
    ]) {
      const res = await page.goto(`${base}${p}`);
      expect([p, res?.status()]).toEqual([p, 404]);
      expect(await page.content()).not.toContain('Ei koske Vantaata.');
    }
    await page.getByRole('heading', { name: 'Sivua ei löytynyt' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('opens in the person’s own language, and stops working when they leave the series', async () => {
    await api.patch(`/api/v1/people/${network.people.tiina}`, { preferredLanguage: 'sv' }).expect(200);
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/p/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Dina sidor' }).waitFor();
    expect(new URL(page.url()).search).toBe('?lang=sv');
    await expectAccessible(page);

    await api.delete(`/api/v1/series/${network.seriesId}/members/${network.people.tiina}`).expect(204);
    expect((await page.goto(`${base}/p/${token}`))?.status()).toBe(404);
    await context.close();
  });
});
