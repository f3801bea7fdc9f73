import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { MailDispatcher } from '@kierto/mail';
import { MeetingService } from '@kierto/meetings';
import { TestApp } from '@kierto/testing';
import { ProposalTask } from '../../apps/worker/src/proposal.task';
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
import { loginPathOf, waitForMail } from './web-fixtures';

/**
 * A coordinator with no series creates one in the browser, in the guided setup: the basics, units in
 * rotation order, a person, the standing topics (the suggestions, changed), the public link, then
 * "start the rotation". Each step is checked with axe, bad input is refused at its field with the
 * input kept, the setup resumes from the dashboard, and nothing is proposed (by the API or the worker)
 * or emailed before the start; the first proposal then carries the standing topics.
 */
describeInBrowser('a coordinator sets up a new series in the browser', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ t, sink, base } = await startWebApp());
    browser = await launchChromium();
  });
  afterAll(() => closeAll(browser, t, sink));

  async function logIn(page: Page, email: string) {
    await page.goto(`${base}/login`);
    await page.getByLabel('Sähköpostiosoite').fill(email);
    await submit(page, page.getByRole('button', { name: 'Lähetä linkki' }));
    await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
    const [mail] = await waitForMail(sink.received, email);
    await page.goto(`${base}${loginPathOf(mail)}`);
    await submit(page, page.getByRole('button', { name: 'Kirjaudu sisään' }));
    await page.getByRole('heading', { name: 'Kokoukset' }).waitFor();
  }

  /** Clicks a form's button and waits for the page that answers. */
  async function submit(page: Page, button: ReturnType<Page['getByRole']>) {
    await Promise.all([page.waitForEvent('load'), button.click()]);
  }

  async function check(page: Page, width: number) {
    await expectAccessible(page);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(width);
  }

  const counts = async (seriesId: string) => {
    const [{ meetings }] = (await t.db.query(
      `SELECT count(*)::int AS meetings FROM meeting WHERE series_id = $1`,
      [seriesId],
    )) as { meetings: number }[];
    const [{ jobs }] = (await t.db.query(`SELECT count(*)::int AS jobs FROM mail_job`)) as { jobs: number }[];
    return { meetings, jobs };
  };

  it.each([
    { width: 360, height: 740, tag: 'puhelin' },
    { width: 1280, height: 800, tag: 'kone' },
  ])(
    'goes through every step at $width px',
    async ({ width, height, tag }) => {
      const email = `uusi-${tag}@example.test`;
      const { auth } = await t.coordinator(email, `Noora ${tag}`);
      const context = await browser.newContext({ viewport: { width, height } });
      // The machine is shared: a page may take long under load.
      context.setDefaultTimeout(90_000);
      const page = await context.newPage();
      const cspErrors = watchCsp(page);
      await logIn(page, email);

      // The empty dashboard offers the setup.
      await check(page, width);
      await page.getByRole('link', { name: 'Luo uusi kiertävä kokous' }).click();

      // 1 Basics: a bad time and no name are refused at their fields, the input kept.
      await page.getByRole('heading', { name: 'Perustiedot', level: 1 }).waitFor();
      await check(page, width);
      await page.locator('#basics-startTime').fill('25.00');
      await submit(page, page.getByRole('button', { name: 'Tallenna ja jatka' }));
      await page.getByText('Kirjoita aika muodossa 14:00.').waitFor();
      await page.locator('#basics-name-error').waitFor();
      expect(await page.locator('#basics-startTime').inputValue()).toBe('25.00');
      expect(await page.locator('#basics-startTime').getAttribute('aria-invalid')).toBe('true');
      await check(page, width);
      await page.locator('#basics-name').fill(`Kiertävä kokous, Vantaa ${tag}`);
      await page.locator('#basics-startTime').fill('13:30');
      await submit(page, page.getByRole('button', { name: 'Tallenna ja jatka' }));

      // 2 Units: none yet, so "next" is refused; a bad contact address is refused at its field.
      await page.getByRole('heading', { name: 'Yksiköt', level: 1 }).waitFor();
      const seriesId = /\/series\/([0-9a-f-]{36})\/setup\/units/.exec(page.url())?.[1] as string;
      expect(seriesId).toBeTruthy();
      await check(page, width);
      await submit(page, page.getByRole('button', { name: 'Seuraava vaihe' }));
      await page.getByText('Lisää vähintään yksi yksikkö ennen kuin jatkat.').waitFor();
      const units = [
        [`Tikkurilan korvaushoito ${tag}`, 'Kielotie 11, Vantaa'],
        [`Myyrmäen A-klinikka ${tag}`, 'Iskoskuja 3, Vantaa'],
      ];
      await page.locator('#unit-new-name').fill(units[0][0]);
      await page.locator('#unit-new-streetAddress').fill(units[0][1]);
      await page.locator('#unit-new-contactEmail').fill('ei osoite');
      await submit(page, page.getByRole('button', { name: 'Luo yksikkö ja lisää vuoroon' }));
      await page.getByText('Sähköpostiosoite ei ole oikean muotoinen.').waitFor();
      expect(await page.locator('#unit-new-name').inputValue()).toBe(units[0][0]);
      await check(page, width);
      await page.locator('#unit-new-contactEmail').fill(`tikkurila-${tag}@example.test`);
      await submit(page, page.getByRole('button', { name: 'Luo yksikkö ja lisää vuoroon' }));
      await page.getByText('Tallennettu.').waitFor();
      await page.locator('#unit-new-name').fill(units[1][0]);
      await page.locator('#unit-new-streetAddress').fill(units[1][1]);
      await page.locator('#unit-new-accessibilityNotes').fill('Esteetön sisäänkäynti pihan puolelta.');
      await submit(page, page.getByRole('button', { name: 'Luo yksikkö ja lisää vuoroon' }));
      await page.getByText('Tallennettu.').waitFor();
      // The rotation order: Myyrmäki first.
      await page.getByRole('button', { name: `Siirrä ylös ${units[1][0]}` }).click();
      await page.getByText('Tallennettu.').waitFor();
      expect(await page.locator('#rotation ol li .settings-name').allTextContents()).toEqual([
        units[1][0],
        units[0][0],
      ]);
      await check(page, width);
      await screenshot(page, `setup-units-${width}.png`);
      await submit(page, page.getByRole('button', { name: 'Seuraava vaihe' }));
      await page.getByRole('heading', { name: 'Ihmiset', level: 1 }).waitFor();

      // Left half-way: the dashboard's card resumes at the first unfinished step.
      await page.goto(`${base}/`);
      await page.getByText('Käyttöönotto on kesken.').waitFor();
      await check(page, width);
      await page.getByRole('link', { name: /Jatka käyttöönottoa/ }).click();
      await page.getByRole('heading', { name: 'Ihmiset', level: 1 }).waitFor();
      expect(page.url()).toBe(`${base}/series/${seriesId}/setup/people`);

      // 3 People: a link to the import, and one person added by hand (a bad address first).
      await check(page, width);
      expect(
        await page.getByRole('link', { name: 'Tuo ihmiset taulukosta (CSV tai Excel)' }).getAttribute('href'),
      ).toBe(`/series/${seriesId}/import`);
      await page.locator('#person-new-displayName').fill('Anna Virtanen');
      await page.locator('#person-new-email').fill('anna@');
      await submit(page, page.getByRole('button', { name: 'Lisää henkilö' }));
      await page.getByText('Sähköpostiosoite ei ole oikean muotoinen.').waitFor();
      expect(await page.locator('#person-new-displayName').inputValue()).toBe('Anna Virtanen');
      await page.locator('#person-new-email').fill(`anna-${tag}@example.test`);
      await submit(page, page.getByRole('button', { name: 'Lisää henkilö' }));
      await page.getByText('Tallennettu.').waitFor();
      await page.locator('#people').getByText('Anna Virtanen').waitFor();
      await submit(page, page.getByRole('button', { name: 'Seuraava vaihe' }));

      // 4 Standing topics: the three suggestions; one removed, one added (an empty title refused).
      await page.getByRole('heading', { name: 'Vakioaiheet', level: 1 }).waitFor();
      await check(page, width);
      const titles = () => page.locator('#topics .settings-topic h3').allTextContents();
      expect(await titles()).toEqual(['Seulakäytännöt', 'Lomaoikeudet', 'Jonotus lääkkeenjakoon']);
      await submit(page, page.getByRole('button', { name: /^Poista aihe\s*: Lomaoikeudet$/ }));
      await page.getByText('Tallennettu.').waitFor();
      await page.locator('#topic-new-description').fill('Ilman otsikkoa');
      await submit(page, page.getByRole('button', { name: 'Lisää vakioaihe' }));
      await page.locator('#topic-new-title-error').waitFor();
      expect(await page.locator('#topic-new-description').inputValue()).toBe('Ilman otsikkoa');
      await page.locator('#topic-new-title').fill('Kuulumiset yksiköistä');
      await submit(page, page.getByRole('button', { name: 'Lisää vakioaihe' }));
      await page.getByText('Tallennettu.').waitFor();
      expect(await titles()).toEqual(['Seulakäytännöt', 'Jonotus lääkkeenjakoon', 'Kuulumiset yksiköistä']);
      await submit(page, page.getByRole('button', { name: 'Seuraava vaihe' }));

      // 5 The public link and the notice; the notice made public.
      await page.getByRole('heading', { name: 'Julkinen linkki', level: 1 }).waitFor();
      await check(page, width);
      const link = await page
        .getByRole('link', { name: /\/s\/[\w-]+$/ })
        .first()
        .getAttribute('href');
      expect(link).toMatch(new RegExp(`^${base}/s/[\\w-]+$`));
      await page.getByRole('link', { name: /\/notice$/ }).waitFor();
      await page.getByLabel('Ilmoitus on julkinen').check();
      await submit(page, page.getByRole('button', { name: 'Tallenna ja jatka' }));

      // 6 Start: the summary; nothing was proposed or emailed so far, by the API or by the worker.
      await page.getByRole('heading', { name: 'Aloita kierto', level: 1 }).waitFor();
      await check(page, width);
      await screenshot(page, `setup-start-${width}.png`);
      expect(await page.locator('#start ol li').allTextContents()).toEqual([units[1][0], units[0][0]]);
      const before = await counts(seriesId);
      expect(before.meetings).toBe(0);
      const next = await request(t.http)
        .post(`/api/v1/series/${seriesId}/meetings/next`)
        .set('Authorization', auth)
        .expect(409);
      expect(JSON.stringify(next.body)).toContain('guided setup');
      expect(await new ProposalTask(t.app.get(MeetingService)).run(t.clock.now())).toBe(0);
      expect(await counts(seriesId)).toEqual(before);
      expect(sink.received.filter((m) => !m.to.startsWith('uusi-'))).toHaveLength(0);
      const series = await request(t.http)
        .get(`/api/v1/series/${seriesId}`)
        .set('Authorization', auth)
        .expect(200);
      expect(series.body).toMatchObject({ setupCompletedAt: null, publicFeedback: true, startTime: '13:30' });

      await submit(page, page.getByRole('button', { name: 'Aloita kierto' }));
      // The first proposal's page: hosted by the first unit of the rotation, with every standing topic.
      await page.waitForURL(/\/meetings\/[0-9a-f-]{36}/);
      await page.getByText('Kierto on aloitettu.').waitFor();
      const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
      const [meeting] = (await t.db.query(
        `SELECT m.status, u.name AS host FROM meeting m JOIN unit u ON u.id = m.host_unit_id WHERE m.id = $1`,
        [meetingId],
      )) as { status: string; host: string }[];
      expect(meeting).toEqual({ status: 'draft', host: units[1][0] });
      const agenda = (await t.db.query(`SELECT title FROM agenda_item WHERE meeting_id = $1`, [
        meetingId,
      ])) as {
        title: string;
      }[];
      expect(agenda.map((a) => a.title)).toEqual(
        expect.arrayContaining(['Seulakäytännöt', 'Jonotus lääkkeenjakoon', 'Kuulumiset yksiköistä']),
      );
      await check(page, width);
      // The coordinator is told by email that a meeting waits for confirmation.
      await t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
      const [notice] = (await waitForMail(sink.received, email, 2)).slice(-1);
      expect(String(notice.parsed.text)).toContain(`/meetings/${meetingId}`);
      // The setup is over: its pages lead to the settings.
      await page.goto(`${base}/series/${seriesId}/setup/start`);
      await page.getByRole('heading', { name: 'Sarjan asetukset', level: 1 }).waitFor();
      expect(cspErrors).toEqual([]);
      await context.close();
    },
    600_000,
  );
});
