import request from 'supertest';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { PRIVACY_KEYS } from '@kierto/minutes';
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
 * A coordinator runs a meeting in a real browser: from the dashboard (a waiting proposal declined
 * with an error first, then accepted) to the meeting page, where they confirm the meeting, add an
 * agenda topic (a bad time box first) and move it up, record attendance, write minutes (a privacy
 * warning, then the checklist error), circulate, approve and publish them, and raise an action item
 * (closing it without an outcome shows the error at the field). The REST API then shows the same
 * state. Later the dashboard draws the rotation timeline and the health of the practice. Every page
 * is checked with axe-core and for CSP errors; a staff member gets 404 for the meeting page.
 */
describeInBrowser('coordinator runs a meeting from its page (browser)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let auth: string;
  let network: Awaited<ReturnType<typeof createWebNetwork>>;
  const cspErrors: string[] = [];
  const COORDINATOR = 'koordinaattori@example.test';
  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
  };

  beforeAll(async () => {
    ({ t, sink, base } = await startWebApp());
    ({ auth } = await t.coordinator(COORDINATOR, 'Kaisa Koordinaattori'));
    network = await createWebNetwork(t, auth);
    for (const title of ['Kotiannokset lomien aikana', 'Kahvia kokoukseen']) {
      await api.post(`/api/v1/series/${network.seriesId}/proposals`, { title }).expect(201);
    }
    browser = await launchChromium();
  });
  afterAll(() => closeAll(browser, t, sink));

  async function logIn(email: string, count: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    watchCsp(page, { into: cspErrors });
    await page.goto(`${base}/login`);
    await page.getByLabel('Sähköpostiosoite').fill(email);
    await page.getByRole('button', { name: 'Lähetä linkki' }).click();
    await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
    const mails = await waitForMail(sink.received, email, count);
    await page.goto(`${base}${loginPathOf(mails[count - 1])}`);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.getByRole('heading', { name: 'Kokoukset' }).waitFor();
    return { context, page };
  }

  /** The described-by text of a field: the message tied to it. */
  async function describedBy(page: Page, field: Locator): Promise<string> {
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
    return texts.join(' ');
  }

  /** The status message after a change (role status), not the same words elsewhere on the page. */
  function done(page: Page, message: string) {
    return page.getByRole('status').filter({ hasText: message }).waitFor();
  }

  async function expectNoSideScroll(page: Page) {
    await page.setViewportSize({ width: 360, height: 740 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1024, height: 800 });
  }

  it('runs the meeting: agenda, attendance, minutes lifecycle, action item', async () => {
    const { context, page } = await logIn(COORDINATOR, 1);
    const series = page.getByRole('region', { name: 'Kiertävä kokous, Vantaa' });
    await series.getByText('Kotiannokset lomien aikana').waitFor();
    await expectAccessible(page);

    // Declining needs a reason: the error sits at the field, the input is kept.
    const coffee = series.getByRole('listitem').filter({ hasText: 'Kahvia kokoukseen' });
    await coffee.getByLabel('Miksi ei').fill('x');
    await coffee.getByRole('button', { name: 'Hylkää' }).click();
    const reason = series
      .getByRole('listitem')
      .filter({ hasText: 'Kahvia kokoukseen' })
      .getByLabel('Miksi ei');
    expect(await describedBy(page, reason)).toContain('Kirjoita syy');
    expect(await reason.inputValue()).toBe('x');
    await expectAccessible(page);
    await reason.fill('Kahvi on jo järjestetty.');
    await series
      .getByRole('listitem')
      .filter({ hasText: 'Kahvia kokoukseen' })
      .getByRole('button', { name: 'Hylkää' })
      .click();
    await done(page, 'Ehdotus on hylätty.');
    await series
      .getByRole('listitem')
      .filter({ hasText: 'Kotiannokset lomien aikana' })
      .getByRole('button', { name: 'Ota esityslistalle' })
      .click();
    await done(page, 'Ehdotus on lisätty esityslistalle.');
    await series.getByText('Ei odottavia ehdotuksia.').waitFor();

    // From the dashboard to the meeting page.
    await series.getByRole('link', { name: /Kokouksen sivu/ }).click();
    await page.getByRole('heading', { level: 1, name: /Kokous 1/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/meetings/${network.meetingId}`);
    await expectAccessible(page);
    // Before confirming there are no minutes to write.
    await page.locator('#minutes').getByText('Vahvista kokous ensin').waitFor();
    await page.getByRole('button', { name: 'Vahvista kokous' }).click();
    await done(page, 'Kokous on vahvistettu. Kutsut lähtevät nyt.');
    await page.locator('#meeting').getByText('Vahvistettu', { exact: true }).waitFor();

    // Moving it: another host without a reason is named at the reason field, the time typed is kept.
    await page.locator('.meeting-move summary').click();
    await page.locator('#move-start').fill('15:30');
    const hostBefore = await page.locator('#move-host').inputValue();
    const hostIds = await Promise.all(
      (await page.locator('#move-host option').all()).map((o) => o.getAttribute('value')),
    );
    const otherHost = hostIds.find((id) => id && id !== hostBefore);
    await page.locator('#move-host').selectOption(otherHost as string);
    const moveButton = page.locator('.meeting-move button[type=submit]');
    await moveButton.click();
    const hostReason = page.locator('#move-host-reason');
    await hostReason.waitFor();
    expect(await hostReason.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, hostReason)).toContain('Kirjoita syy, miksi paikka vaihtuu');
    expect(await page.locator('#move-start').inputValue()).toBe('15:30');
    await expectAccessible(page);
    // The same place after all: only the time changes, and the invited get a new invitation.
    await page.locator('#move-host').selectOption(hostBefore);
    await moveButton.click();
    await done(page, 'Kokous on siirretty. Kaikki kutsutut saavat uuden kutsun.');
    await page.locator('#meeting').getByText('15.30–17.30').waitFor();
    const movedMeeting = await api.get(`/api/v1/meetings/${network.meetingId}`).expect(200);
    expect(movedMeeting.body).toMatchObject({ startTime: '15:30', endTime: '17:30', icalSequence: 1 });
    expect(movedMeeting.body.host.id).toBe(hostBefore);
    expect(movedMeeting.body.hostOverrideReason).toBeNull();
    await expectAccessible(page);

    // Agenda: a bad time box is named at its field and the title typed is kept.
    const agenda = page.locator('#agenda');
    await agenda.getByLabel('Otsikko').last().fill('Jonottaminen lääkkeenjakoon');
    await agenda.getByLabel('Aikaa minuutteina').last().fill('puoli tuntia');
    await agenda.getByLabel('Esittäjä (ei pakollinen)').last().fill('Sovatek');
    await agenda.getByRole('button', { name: 'Lisää aihe' }).click();
    const timeBox = page.locator('#agenda-new-timebox');
    await timeBox.waitFor();
    expect(await timeBox.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, timeBox)).toContain('kokonaisina minuutteina');
    expect(await page.locator('#agenda-new-title').inputValue()).toBe('Jonottaminen lääkkeenjakoon');
    await expectAccessible(page);
    await timeBox.fill('20');
    await page.getByRole('button', { name: 'Lisää aihe' }).click();
    await done(page, 'Aihe on lisätty esityslistaan.');
    const titles = () => page.locator('.agenda-list > li > h3').allInnerTexts();
    expect(await titles()).toEqual([
      'Avoimien jatkotoimenpiteiden läpikäynti',
      'Kotiannokset lomien aikana',
      'Jonottaminen lääkkeenjakoon',
    ]);
    await page
      .locator('.agenda-list > li')
      .filter({ hasText: 'Jonottaminen lääkkeenjakoon' })
      .getByRole('button', { name: 'Siirrä ylös' })
      .click();
    await done(page, 'Järjestys on muutettu.');
    expect(await titles()).toEqual([
      'Avoimien jatkotoimenpiteiden läpikäynti',
      'Jonottaminen lääkkeenjakoon',
      'Kotiannokset lomien aikana',
    ]);
    await expectAccessible(page);

    // A proposal that came in meanwhile is merged into a topic: without a topic, the error is at the select.
    await api
      .post(`/api/v1/series/${network.seriesId}/proposals`, { title: 'Jono ulkona sateessa' })
      .expect(201);
    await page.reload();
    const waiting = page.locator('#proposals li').filter({ hasText: 'Jono ulkona sateessa' });
    await waiting.getByRole('button', { name: 'Liitä' }).click();
    const mergeSelect = page
      .locator('#proposals li')
      .filter({ hasText: 'Jono ulkona sateessa' })
      .getByLabel('Liitä aiheeseen');
    await mergeSelect.waitFor();
    expect(await mergeSelect.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, mergeSelect)).toContain('Valitse aihe tämän kokouksen esityslistalta');
    await expectAccessible(page);
    await mergeSelect.selectOption({ label: 'Jonottaminen lääkkeenjakoon' });
    await page
      .locator('#proposals li')
      .filter({ hasText: 'Jono ulkona sateessa' })
      .getByRole('button', { name: 'Liitä' })
      .click();
    await done(page, 'Ehdotus on liitetty aiheeseen.');
    expect(await page.locator('#proposals').count()).toBe(0);
    await page
      .locator('.agenda-list > li')
      .filter({ hasText: 'Jonottaminen lääkkeenjakoon' })
      .locator('p.pre', { hasText: '+ Jono ulkona sateessa' })
      .waitFor();

    // Attendance: staff by name, Tiina present and agrees to be named, two more service users.
    const attendance = page.locator('#attendance');
    await attendance.getByLabel('Anna').check();
    await attendance.getByLabel('Erik').check();
    await attendance.getByLabel('Tiina: paikalla').check();
    await attendance.getByLabel('Tiina: saa mainita nimellä').check();
    await attendance.getByLabel('Muita palvelun käyttäjiä').fill('2');
    await attendance.getByRole('button', { name: 'Tallenna läsnäolijat' }).click();
    await done(page, 'Läsnäolijat on tallennettu.');
    expect(await page.locator('#attendance-unnamed').inputValue()).toBe('2');

    // Minutes: a dose in the text is flagged next to the field.
    const queue = page.locator('fieldset.minutes-item').filter({ hasText: 'Jonottaminen lääkkeenjakoon' });
    await queue.getByLabel('Mitä puhuttiin').fill('Yksi kertoi saavansa 20 mg jonon jälkeen.');
    await page.getByRole('button', { name: 'Tallenna luonnos' }).click();
    await done(page, 'Muistio on tallennettu.');
    const notes = page
      .locator('fieldset.minutes-item')
      .filter({ hasText: 'Jonottaminen' })
      .getByLabel('Mitä puhuttiin');
    expect(await describedBy(page, notes)).toContain('“20 mg” näyttää annokselta');
    await page.getByText('Tarkista nämä kohdat').waitFor();
    await expectAccessible(page);

    // Circulating without the privacy checklist: the error sits at the checklist, the text is kept.
    await notes.fill('Jonot ovat pitkiä aamuisin. Keskusteltiin, miten jonoa voi lyhentää.');
    await page
      .locator('fieldset.minutes-item')
      .filter({ hasText: 'Jonottaminen' })
      .getByLabel('Mitä päätettiin')
      .fill('Aamujen jonotusaikoja seurataan kuukauden ajan.');
    await page.getByRole('button', { name: 'Tallenna ja lähetä kommenteille' }).click();
    const firstCheck = page.locator('#privacy-no-treatment-details');
    await firstCheck.waitFor();
    expect(await firstCheck.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, firstCheck)).toContain('Rastita kaikki yksityisyyden kohdat');
    expect(
      await page
        .locator('fieldset.minutes-item')
        .filter({ hasText: 'Jonottaminen' })
        .getByLabel('Mitä puhuttiin')
        .inputValue(),
    ).toBe('Jonot ovat pitkiä aamuisin. Keskusteltiin, miten jonoa voi lyhentää.');
    await expectAccessible(page);

    for (const key of PRIVACY_KEYS) await page.locator(`#privacy-${key}`).check();
    await page.getByRole('button', { name: 'Tallenna ja lähetä kommenteille' }).click();
    await done(page, 'Muistio on lähetetty kommenteille.');
    expect(await page.getByText('Tarkista nämä kohdat').count()).toBe(0);
    await page.getByRole('button', { name: 'Tallenna ja hyväksy' }).click();
    await done(page, 'Muistio on hyväksytty.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Julkaise muistio' }).click();
    await done(page, 'Muistio on julkaistu. Jäsenet saavat sähköpostin.');
    await page.getByRole('heading', { name: 'Versio 1: Julkaistu' }).waitFor();
    await page.getByText('Tee korjaus', { exact: true }).first().waitFor();
    await expectAccessible(page);

    // An action item from the new topic, raised by Tiina, who wants to hear how it goes.
    const actions = page.locator('#actions');
    await actions.getByLabel('Mistä asiasta').selectOption({ label: 'Jonottaminen lääkkeenjakoon' });
    await actions.getByLabel('Mitä tehdään').fill('Jonotusajat näkyviin odotustilaan');
    await actions.getByLabel('Vastuuyksikkö').selectOption({ label: 'Sovatek' });
    await actions.getByLabel('Vastuuhenkilö').selectOption({ label: 'Anna' });
    await actions.getByLabel('Määräaika').fill('2027-01-13');
    await actions.getByLabel('Palvelun käyttäjä', { exact: true }).check();
    await actions.getByLabel('Kuka (ei pakollinen)').selectOption({ label: 'Tiina' });
    await actions.getByLabel('Kerro asian esiin nostaneelle').check();
    await actions.getByLabel('Näytä palvelun käyttäjille').check();
    await actions.getByRole('button', { name: 'Lisää jatkotoimenpide' }).click();
    await done(page, 'Jatkotoimenpide on lisätty.');
    const item = page.locator('.action-item').filter({ hasText: 'Jonotusajat näkyviin odotustilaan' });
    await item.locator('.badge.action-open').filter({ hasText: 'Avoin' }).waitFor();

    // Closing it needs the public outcome: the error is at the outcome field.
    await item.getByText('Muuta tilaa').click();
    await item.getByLabel('Uusi tila').selectOption('done');
    await item.getByRole('button', { name: 'Tallenna tila' }).click();
    const outcome = page
      .locator('.action-item')
      .filter({ hasText: 'Jonotusajat näkyviin' })
      .getByLabel('Mitä tehtiin');
    await outcome.waitFor();
    expect(await outcome.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, outcome)).toContain('Kirjoita yksi selkeä lause');
    await expectAccessible(page);
    await page.goto(`${base}/meetings/${network.meetingId}`);
    await screenshot(page, 'meeting.png');
    await expectNoSideScroll(page);

    // The REST API sees the same state.
    const meeting = await api.get(`/api/v1/meetings/${network.meetingId}`).expect(200);
    expect(meeting.body.status).toBe('confirmed');
    const agendaRes = await api.get(`/api/v1/meetings/${network.meetingId}/agenda`).expect(200);
    const top = (
      agendaRes.body.items as {
        title: string;
        parentId: string | null;
        timeBoxMinutes: number;
        presenter: string;
      }[]
    ).filter((i) => !i.parentId);
    expect(top.map((i) => i.title)).toEqual([
      'Avoimien jatkotoimenpiteiden läpikäynti',
      'Jonottaminen lääkkeenjakoon',
      'Kotiannokset lomien aikana',
    ]);
    expect(top[1]).toMatchObject({ timeBoxMinutes: 20, presenter: 'Sovatek' });
    const minutes = await api.get(`/api/v1/meetings/${network.meetingId}/minutes`).expect(200);
    expect(minutes.body.current.status).toBe('published');
    expect(
      minutes.body.current.privacyChecklist
        .filter((c: { checked: boolean }) => c.checked)
        .map((c: { key: string }) => c.key),
    ).toEqual(PRIVACY_KEYS);
    expect(minutes.body.current.attendance.serviceUserCount).toBe(3);
    expect(minutes.body.current.attendance.namedServiceUsers.map((p: { name: string }) => p.name)).toEqual([
      'Tiina',
    ]);
    expect(minutes.body.current.attendance.staff.map((p: { name: string }) => p.name).sort()).toEqual([
      'Anna',
      'Erik',
    ]);
    const queueItem = minutes.body.current.items.find(
      (i: { title: string }) => i.title === 'Jonottaminen lääkkeenjakoon',
    );
    expect(queueItem).toMatchObject({
      notes: 'Jonot ovat pitkiä aamuisin. Keskusteltiin, miten jonoa voi lyhentää.',
      decisions: 'Aamujen jonotusaikoja seurataan kuukauden ajan.',
    });
    expect(minutes.body.current.warnings).toEqual([]);
    const items = await api.get(`/api/v1/meetings/${network.meetingId}/action-items`).expect(200);
    expect(items.body.items).toHaveLength(1);
    expect(items.body.items[0]).toMatchObject({
      title: 'Jonotusajat näkyviin odotustilaan',
      status: 'open',
      dueDate: '2027-01-13',
      notifyRaiser: true,
      forServiceUsers: true,
    });
    const proposals = await api.get(`/api/v1/series/${network.seriesId}/proposals`).expect(200);
    expect(
      Object.fromEntries(
        proposals.body.items.map((p: { title: string; status: string }) => [p.title, p.status]),
      ),
    ).toEqual({
      'Kotiannokset lomien aikana': 'accepted',
      'Kahvia kokoukseen': 'declined',
      'Jono ulkona sateessa': 'merged',
    });

    // Weeks later: the meeting was held, the next one is proposed, A-klinikka has a closure.
    t.clock.current = new Date(new Date(meeting.body.endsAt).getTime() + 3 * 86_400_000);
    const units = await api.get(`/api/v1/series/${network.seriesId}/rotation`).expect(200);
    const aKlinikka = units.body.units.find((u: { unitName: string }) => u.unitName === 'A-klinikka').unitId;
    await api
      .post(`/api/v1/units/${aKlinikka}/blackouts`, {
        startsOn: '2027-02-01',
        endsOn: '2027-02-28',
        reason: 'Remontti',
      })
      .expect(201);
    // A proposal accepted while no meeting is coming: a plain message in the series' card, not an error page.
    await api
      .post(`/api/v1/series/${network.seriesId}/proposals`, { title: 'Odotustilan penkit' })
      .expect(201);
    await page.goto(`${base}/`);
    const benches = () => series.getByRole('listitem').filter({ hasText: 'Odotustilan penkit' });
    await benches().getByRole('button', { name: 'Ota esityslistalle' }).click();
    await series
      .getByRole('alert')
      .filter({ hasText: 'Odotustilan penkit: Ehdotusta ei voi vielä laittaa esityslistalle.' })
      .waitFor();
    await expectAccessible(page);
    await api.post(`/api/v1/series/${network.seriesId}/meetings/next`).expect(201);
    await page.goto(`${base}/`);
    await benches().getByRole('button', { name: 'Ota esityslistalle' }).click();
    await done(page, 'Ehdotus on lisätty esityslistalle.');
    await page.goto(`${base}/`);
    await series.getByRole('img', { name: /Kierto: kuka on ollut isäntänä/ }).waitFor();
    expect(await series.locator('svg.dash-timeline circle.past').count()).toBe(1);
    expect(await series.locator('svg.dash-timeline circle.next').count()).toBe(1);
    expect(await series.locator('svg.dash-timeline rect.blackout').count()).toBe(1);
    // Each chart's words are its text alternative too (title and desc name the image).
    await series.locator('figure p', { hasText: '1 / 1 kokousta pidettiin sovittuna päivänä.' }).waitFor();
    await series.getByRole('img', { name: /Kokoukset pidetty ajallaan 1 \/ 1 kokousta/ }).waitFor();
    await series.locator('figure p', { hasText: 'Keskimäärin 3 palvelun käyttäjää kokouksessa.' }).waitFor();
    await series.getByRole('link', { name: 'Jonotusajat näkyviin odotustilaan' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'dashboard.png');
    await expectNoSideScroll(page);
    await context.close();

    expect(cspErrors).toEqual([]);
    // axe on a dozen long pages takes a while.
  }, 300_000);

  it('shows the meeting page to the series’ coordinators only: staff get 404', async () => {
    const { context, page } = await logIn(network.emails.anna, 1);
    const res = await page.goto(`${base}/meetings/${network.meetingId}`);
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Sivua ei löytynyt' }).waitFor();
    expect(await page.content()).not.toContain('Jonottaminen lääkkeenjakoon');
    await expectAccessible(page);
    await context.close();
    // Without a session: to the login page.
    const anonymous = await request(t.http).get(`/meetings/${network.meetingId}`);
    expect(anonymous.status).toBe(303);
    // To the login page, which then brings the person back to this meeting.
    expect(anonymous.headers.location).toBe(
      `/login?next=${encodeURIComponent(`/meetings/${network.meetingId}`)}`,
    );
  });
});
