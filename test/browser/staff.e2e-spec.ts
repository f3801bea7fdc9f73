import { Browser, Page } from 'playwright-core';
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
import { createWebNetwork, csrfOf, loginPathOf, waitForMail } from './web-fixtures';
import { coordinatorApi, PRIVACY_CHECKLIST, publishMinutesWithAction } from './unit-fixtures';

/**
 * A staff member in a real browser: logs in through the emailed link, opens their unit's page, finds
 * last meeting's published minutes by search, reads them, and closes the unit's action item with a
 * public outcome (closing without one shows the error at the field). Pages of other units and items
 * of other units answer 404. Every page is checked with axe-core and for CSP errors.
 */
describeInBrowser('staff: unit page, search, minutes, action item (browser)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  let api: ReturnType<typeof coordinatorApi>;
  let unitA: string;
  let unitB: string;
  let minutesId: string;
  let actionId: string;
  let otherActionId: string;
  const OUTCOME = 'Seulonnan aikataulu on nyt ilmoitustaululla viikkoa ennen.';

  beforeAll(async () => {
    ({ t, sink, base } = await startWebApp());
    const { auth } = await t.coordinator('koordinaattori@example.test', 'Kaisa Koordinaattori');
    api = coordinatorApi(t, auth);
    network = await createWebNetwork(t, auth);
    const rotation = await api.get(`/api/v1/series/${network.seriesId}/rotation`).expect(200);
    [unitA, unitB] = rotation.body.units.map((r: { unitId: string }) => r.unitId);
    // Anna works at Sovatek (B), which hosts the meeting after this one; A-klinikka hosts this one.
    await api.patch(`/api/v1/people/${network.people.anna}`, { homeUnitId: unitB }).expect(200);
    await api.post(`/api/v1/meetings/${network.meetingId}/confirm`).expect(200);
    await t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
    const published = await publishMinutesWithAction(t, auth, network.meetingId, {
      items: [
        {
          title: 'Seulakäytännöt',
          notes: 'Seulontakäytännöt vaihtelevat yksiköittäin.',
          decisions: 'Seulojen aikataulu kerrotaan viikkoa ennen.',
        },
      ],
      present: [network.people.anna, network.people.erik],
      action: {
        title: 'Seulonnan aikataulu ilmoitustaululle',
        ownerUnitId: unitB,
        dueDate: '2026-12-01',
        raisedByPersonId: network.people.tiina,
      },
    });
    minutesId = published.minutesId;
    actionId = published.actionId as string;
    otherActionId = (
      await api
        .post(`/api/v1/agenda-items/${published.agendaItemId}/action-items`, {
          title: 'A-klinikan oma tehtävä',
          ownerUnitId: unitA,
          raisedBy: { kind: 'meeting' },
        })
        .expect(201)
    ).body.id;
    await api.post(`/api/v1/series/${network.seriesId}/meetings/next`).expect(201);
    browser = await launchChromium();
  });
  afterAll(() => closeAll(browser, t, sink));

  async function logIn(page: Page, email: string) {
    // The person may have had other mail (action items); only what comes after asking counts.
    const before = sink.received.filter((m) => m.to === email).length;
    await page.goto(`${base}/login`);
    await page.getByLabel('Sähköpostiosoite').fill(email);
    await page.getByRole('button', { name: 'Lähetä linkki' }).click();
    await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
    const mails = (await waitForMail(sink.received, email, before + 1)).slice(before);
    const login = mails.find((m) => /\/login\//.test(String(m.parsed.text)));
    if (!login) throw new Error('No login email');
    await page.goto(`${base}${loginPathOf(login)}`);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.getByRole('heading', { name: 'Kokoukset' }).waitFor();
  }

  it('finds the minutes by search and closes the unit’s action item with an outcome', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const cspErrors = watchCsp(page);
    await logIn(page, network.emails.anna);

    // The unit page: the next hosting turn, the open item (overdue), the archive.
    await page.goto(`${base}/units/${unitB}`);
    await page.getByRole('heading', { level: 1, name: 'Sovatek' }).waitFor();
    const hosting = page.getByRole('region', { name: 'Seuraava isännöintivuoro' });
    await hosting.getByText('Kiertävä kokous, Vantaa').waitFor();
    await hosting.getByText('Ehdotus, ei vielä vahvistettu').waitFor();
    const item = page.getByRole('article', { name: /Seulonnan aikataulu ilmoitustaululle/ });
    await item.getByText('Myöhässä').waitFor();
    expect(await page.getByText('A-klinikan oma tehtävä').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'unit.png');

    // Search from the unit page: Finnish base forms find "Seulontakäytännöt".
    await page.getByLabel('Hae muistioista').fill('seulontakäytäntö');
    await page.getByRole('button', { name: 'Hae', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hae muistioista' }).waitFor();
    const hit = page.getByRole('main').getByRole('listitem').filter({ hasText: 'Muistio' }).first();
    expect(await hit.locator('mark').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'search.png');

    await hit.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Kokousmuistiot' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/series/${network.seriesId}/minutes/${minutesId}`);
    await page.getByText('Seulojen aikataulu kerrotaan viikkoa ennen.').waitFor();
    await page.getByText('Palvelun käyttäjiä: 0').waitFor();
    await page.getByText(/Seulonnan aikataulu ilmoitustaululle — Vastuu: Sovatek/).waitFor();
    await expectAccessible(page);

    // Closing without the outcome: the service's 400, shown at the field and tied to it.
    await page.goto(`${base}/units/${unitB}`);
    await item.getByLabel('Tehty').check();
    await item.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByRole('alert').waitFor();
    const outcome = page.getByRole('article', { name: /Seulonnan aikataulu/ }).getByLabel(/Mitä tehtiin\?/);
    expect(await outcome.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await outcome.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ')[0];
    expect(await page.locator(`#${errorId}`).textContent()).toBe(
      'Kirjoita, mitä tehtiin. Ilman sitä asiaa ei voi sulkea.',
    );
    expect(await item.getByLabel('Tehty').isChecked()).toBe(true);
    await expectAccessible(page);
    expect((await api.get(`/api/v1/action-items/${actionId}`).expect(200)).body.status).toBe('open');

    // With the outcome it closes, and leaves the list of open items.
    await outcome.fill(OUTCOME);
    await item.getByLabel('Kommentti (ei pakollinen)').fill('Tehty ilmoitustaululle.');
    await item.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByText('Tallennettu.').waitFor();
    await page.getByText('Yksiköllä ei ole avoimia jatkotoimenpiteitä.').waitFor();
    await expectAccessible(page);
    const done = await api.get(`/api/v1/action-items/${actionId}`).expect(200);
    expect(done.body).toMatchObject({ status: 'done', publicOutcome: OUTCOME });
    expect(done.body.history.map((h: { type: string }) => h.type)).toEqual([
      'created',
      'status',
      'outcome',
      'comment',
    ]);

    // Another unit's page and another unit's item: 404, not the data.
    const other = await page.goto(`${base}/units/${unitA}`);
    expect(other?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Sivua ei löytynyt' }).waitFor();
    await expectAccessible(page);
    await page.goto(`${base}/units/${unitB}`);
    const csrf = csrfOf(await page.content());
    const refused = await page.request.post(`${base}/action-items/${otherActionId}`, {
      form: { _csrf: csrf, status: 'dropped', publicOutcome: 'Ei tehdä.' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(404);
    expect((await api.get(`/api/v1/action-items/${otherActionId}`).expect(200)).body.status).toBe('open');
    const unknownSeries = await page.goto(`${base}/series/${crypto.randomUUID()}/minutes/${minutesId}`);
    expect(unknownSeries?.status()).toBe(404);

    // On a 360 px phone nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}/units/${unitB}`);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);

    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('comments on minutes out for comments; the coordinator reads the comment before approving', async () => {
    // A correction of the published minutes, circulated for comments (version 2).
    const correction = await api
      .post(`/api/v1/minutes/${minutesId}/corrections`, {
        note: 'Seulontapäätöksen sanamuoto tarkennetaan.',
        privacyChecked: PRIVACY_CHECKLIST,
      })
      .expect(201);
    const circulatedId: string = correction.body.id;
    await api.post(`/api/v1/minutes/${circulatedId}/circulate`).expect(200);
    const COMMENT = 'Kohta 1: aikataulu kerrotaan viikkoa ennen, ei kahta.';

    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const cspErrors = watchCsp(page);
    await logIn(page, network.emails.anna);

    // Published minutes take no comments: no form, and a posted comment gets 409 with a message.
    await page.goto(`${base}/series/${network.seriesId}/minutes/${minutesId}`);
    await page.getByRole('heading', { level: 1, name: 'Kokousmuistiot' }).waitFor();
    expect(await page.getByLabel('Sinun kommenttisi').count()).toBe(0);
    const closed = await page.request.post(
      `${base}/series/${network.seriesId}/minutes/${minutesId}/comments`,
      { form: { _csrf: csrfOf(await page.content()), body: COMMENT }, maxRedirects: 0 },
    );
    expect(closed.status()).toBe(409);
    expect(await closed.text()).toContain('Tätä muistiota ei voi nyt kommentoida.');

    // The circulated version: its status, no comments yet, the form.
    await page.goto(`${base}/series/${network.seriesId}/minutes/${circulatedId}`);
    await page.getByText('Tila: Kommentoitavana').waitFor();
    const comments = page.getByRole('region', { name: 'Kommentit' });
    await comments.getByText('Kommentteja ei ole vielä.').waitFor();
    await expectAccessible(page);

    // An empty comment: the error at the field, tied to it, and nothing saved.
    await comments.getByRole('button', { name: 'Lähetä kommentti' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kommenttia ei tallennettu.' }).waitFor();
    const field = page.getByLabel('Sinun kommenttisi');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await field.getAttribute('aria-describedby')) ?? '').split(' ')[0];
    expect(await page.locator(`#${errorId}`).textContent()).toBe(
      'Kirjoita kommentti ennen kuin lähetät sen.',
    );
    await expectAccessible(page);
    expect((await api.get(`/api/v1/minutes/${circulatedId}/comments`).expect(200)).body).toEqual([]);

    // With words it is saved; the page shows it under the author's name.
    await field.fill(COMMENT);
    await page.getByRole('button', { name: 'Lähetä kommentti' }).click();
    await page.getByRole('status').filter({ hasText: 'Kommenttisi on tallennettu.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/series/${network.seriesId}/minutes/${circulatedId}`);
    const saved = page.getByRole('region', { name: 'Kommentit' }).getByRole('listitem');
    expect(await saved.count()).toBe(1);
    await saved.getByText(COMMENT).waitFor();
    await saved.getByText(/^Anna · /).waitFor();
    expect(await page.getByLabel('Sinun kommenttisi').inputValue()).toBe('');
    await expectAccessible(page);
    await screenshot(page, 'minutes-comments.png');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);

    // The coordinator's REST API has the comment, by Anna.
    const listed = await api.get(`/api/v1/minutes/${circulatedId}/comments`).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ authorName: 'Anna', body: COMMENT })]);
    expect(cspErrors).toEqual([]);
    await context.close();

    // The coordinator sees it on the meeting page, next to the minutes they are about to approve.
    const coordinatorContext = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const coordinatorPage = await coordinatorContext.newPage();
    const coordinatorCsp = watchCsp(coordinatorPage);
    await logIn(coordinatorPage, 'koordinaattori@example.test');
    await coordinatorPage.goto(`${base}/meetings/${network.meetingId}`);
    const onMeeting = coordinatorPage.getByRole('region', { name: 'Kommentit muistioon (Versio 2)' });
    await onMeeting.getByText(COMMENT).waitFor();
    await onMeeting.getByText(/^Anna · /).waitFor();
    await expectAccessible(coordinatorPage);
    expect(coordinatorCsp).toEqual([]);
    await coordinatorContext.close();
  });
});
