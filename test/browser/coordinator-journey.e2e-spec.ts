import { Browser, Page } from 'playwright-core';
import { MailDispatcher } from '@kierto/mail';
import { TestApp } from '@kierto/testing';
import { peopleFiles } from '../import-fixtures';
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
 * Issue 12 as one journey in Chromium, with no API call and no typed address after the first login
 * page: only clicks, form filling, an uploaded file and links taken from the emails the SMTP sink
 * received. A coordinator with no series (made like the CLI makes one) logs in from the emailed link,
 * creates a series in the guided setup (four units, thirty people from an Excel CSV with Finnish
 * headers in Windows-1252, the standing topics, the public notice), starts the rotation, confirms the
 * first proposal from its email's link, invites a colleague and hands the role over; the successor
 * logs in from the handover email onto the series. (The worker's mail dispatch is run by the test.)
 */
describeInBrowser('the coordinator journey of issue 12 (browser)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const dispatch = () => t.app.get(MailDispatcher).dispatchDue(new Date(), 200);

  beforeAll(async () => {
    ({ t, sink, base } = await startWebApp());
    browser = await launchChromium();
  });
  afterAll(() => closeAll(browser, t, sink));

  /** Clicks a link or button and waits for the page that answers. */
  async function go(page: Page, target: ReturnType<Page['getByRole']>) {
    await Promise.all([page.waitForEvent('load'), target.click()]);
  }

  async function check(page: Page, width: number) {
    await expectAccessible(page);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(width);
  }

  /** The address of the first link to `path` in an email's text (the whole address, as a nurse clicks it). */
  const linkIn = (text: string, path: RegExp) => {
    const match = new RegExp(`${base}(${path.source})`).exec(text);
    if (!match) throw new Error(`No link ${path.source} in the message`);
    return match[0];
  };

  /** The login page asks for the address; the emailed link opens the "Kirjaudu sisään" page. */
  async function logInByEmail(page: Page, email: string) {
    const before = sink.received.filter((m) => m.to === email).length;
    await page.getByLabel('Sähköpostiosoite').fill(email);
    await go(page, page.getByRole('button', { name: 'Lähetä linkki' }));
    await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
    const mails = await waitForMail(sink.received, email, before + 1);
    await page.goto(`${base}${loginPathOf(mails[mails.length - 1])}`);
    await page.getByRole('heading', { name: 'Kirjaudu Kiertoon' }).waitFor();
    await go(page, page.getByRole('button', { name: 'Kirjaudu sisään' }));
  }

  it.each([
    { width: 1280, height: 800, tag: 'kone' },
    { width: 360, height: 740, tag: 'puhelin' },
  ])(
    'sets up, starts, confirms and hands over at $width px',
    async ({ width, height, tag }) => {
      const email = `noora-${tag}@example.test`;
      const colleague = `ville-${tag}@example.test`;
      const seriesName = `Kiertävä kokous, Vantaa ${tag}`;
      // The first coordinator of an installation comes from the CLI; this is what it makes.
      await t.coordinator(email, `Noora ${tag}`);
      const context = await browser.newContext({ viewport: { width, height } });
      context.setDefaultTimeout(90_000); // the machine is shared
      const page = await context.newPage();
      const cspErrors = watchCsp(page);
      const shot = (name: string) => screenshot(page, `journey-${name}-${width}.png`);

      // 1 The only typed address: the login page. Then the emailed link.
      await page.goto(`${base}/login`);
      await logInByEmail(page, email);
      await page.getByRole('heading', { name: 'Kokoukset' }).waitFor();
      await check(page, width);
      await shot('dashboard-empty');

      // 2 The guided setup from the dashboard. Basics.
      await go(page, page.getByRole('link', { name: 'Luo uusi kiertävä kokous' }));
      await page.getByRole('heading', { name: 'Perustiedot', level: 1 }).waitFor();
      await page.locator('#basics-name').fill(seriesName);
      await page.locator('#basics-startTime').fill('13:30');
      await go(page, page.getByRole('button', { name: 'Tallenna ja jatka' }));

      // Four units in rotation order.
      await page.getByRole('heading', { name: 'Yksiköt', level: 1 }).waitFor();
      const seriesId = /\/series\/([0-9a-f-]{36})\/setup\/units/.exec(page.url())?.[1] as string;
      expect(seriesId).toBeTruthy();
      const units = [
        [`Tikkurilan korvaushoito ${tag}`, 'Kielotie 11, Vantaa'],
        [`Myyrmäen A-klinikka ${tag}`, 'Iskoskuja 3, Vantaa'],
        [`Korson päihdepalvelut ${tag}`, 'Korsontie 5, Vantaa'],
        [`Hakunilan asumispalvelu ${tag}`, 'Hakunilantie 48, Vantaa'],
      ];
      for (const [name, address] of units) {
        await page.locator('#unit-new-name').fill(name);
        await page.locator('#unit-new-streetAddress').fill(address);
        await go(page, page.getByRole('button', { name: 'Luo yksikkö ja lisää vuoroon' }));
        await page.getByText('Tallennettu.').waitFor();
      }
      expect(await page.locator('#rotation ol li .settings-name').allTextContents()).toEqual(
        units.map((u) => u[0]),
      );
      await check(page, width);
      await go(page, page.getByRole('button', { name: 'Seuraava vaihe' }));

      // People: thirty from Excel's CSV (Finnish headers, semicolons, Windows-1252), uploaded.
      await page.getByRole('heading', { name: 'Ihmiset', level: 1 }).waitFor();
      await go(page, page.getByRole('link', { name: 'Tuo ihmiset taulukosta (CSV tai Excel)' }));
      await page.getByRole('heading', { name: 'Tuo taulukosta', level: 1 }).waitFor();
      const { fi1252, people } = peopleFiles(
        units.map((u) => u[0]),
        `polku-${tag}`,
      );
      await page.getByLabel('Ihmisiä').check();
      await page
        .getByLabel('Tiedosto')
        .setInputFiles({ name: 'ihmiset.csv', mimeType: 'text/csv', buffer: fi1252 });
      await go(page, page.getByRole('button', { name: 'Esikatsele' }));
      await page.getByText('Kaikki rivit ovat kunnossa.').waitFor();
      await check(page, width);
      await shot('import-preview');
      await go(page, page.getByRole('button', { name: 'Tuo kaikki' }));
      await page.getByText('Tuonti onnistui. Tallennettiin 30 riviä.').waitFor();
      // Back to the setup's people step: the import page links there while the setup is unfinished.
      await go(page, page.getByRole('link', { name: 'Takaisin käyttöönottoon' }));
      await page.getByRole('heading', { name: 'Ihmiset', level: 1 }).waitFor();
      await page.locator('#people').getByText(people[0].name).waitFor();
      await go(page, page.getByRole('button', { name: 'Seuraava vaihe' }));

      // The standing topics: the three suggestions kept.
      await page.getByRole('heading', { name: 'Vakioaiheet', level: 1 }).waitFor();
      const topics = ['Seulakäytännöt', 'Lomaoikeudet', 'Jonotus lääkkeenjakoon'];
      expect(await page.locator('#topics .settings-topic h3').allTextContents()).toEqual(topics);
      await go(page, page.getByRole('button', { name: 'Seuraava vaihe' }));

      // The public link and the notice, made public.
      await page.getByRole('heading', { name: 'Julkinen linkki', level: 1 }).waitFor();
      await page.getByLabel('Ilmoitus on julkinen').check();
      await go(page, page.getByRole('button', { name: 'Tallenna ja jatka' }));

      // Start: before it, no meeting exists and nothing but the login went out.
      await page.getByRole('heading', { name: 'Aloita kierto', level: 1 }).waitFor();
      await check(page, width);
      await shot('start');
      const meetings = async () =>
        (
          (await t.db.query(`SELECT count(*)::int AS n FROM meeting WHERE series_id = $1`, [seriesId])) as {
            n: number;
          }[]
        )[0].n;
      expect(await meetings()).toBe(0);
      expect(sink.received.filter((m) => m.to === email)).toHaveLength(1);
      await go(page, page.getByRole('button', { name: 'Aloita kierto' }));
      await page.getByText('Kierto on aloitettu.').waitFor();
      expect(await meetings()).toBe(1);

      // 3 The proposal email's link opens the meeting page; Vahvista sends the invitations.
      await dispatch();
      const [proposal] = (await waitForMail(sink.received, email, 2)).slice(-1);
      const proposalText = String(proposal.parsed.text);
      const meetingUrl = linkIn(proposalText, /\/meetings\/[0-9a-f-]{36}/);
      const withEmail = people.filter((p) => p.email).map((p) => p.email);
      expect(withEmail).toHaveLength(15);
      await page.goto(meetingUrl);
      await page.getByRole('heading', { name: /^Kokous 1:/ }).waitFor();
      await page.getByText(units[0][0]).first().waitFor();
      // The email and the page say what confirming does: 15 imported addresses and the coordinator.
      expect(proposalText).toContain('kutsut lähtevät 16 henkilölle');
      await page.getByText('Kutsut lähtevät sähköpostilla 16 henkilölle.').waitFor();
      await check(page, width);
      await shot('meeting-proposal');
      const mailsBefore = sink.received.length;
      await go(page, page.getByRole('button', { name: 'Vahvista kokous' }));
      await page.getByText('Kokous on vahvistettu. Kutsut lähtevät nyt.').waitFor();
      await dispatch();
      for (const to of withEmail) await waitForMail(sink.received, to);
      // An invitation is the email with the calendar file, in each person's own language.
      const invited = sink.received
        .slice(mailsBefore)
        .filter((m) => m.parsed.attachments.some((a) => /calendar/.test(a.contentType)));
      expect(new Set(invited.map((m) => m.to))).toEqual(new Set([...withEmail, email]));
      expect(invited.find((m) => m.to === email)?.parsed.subject).toMatch(/^Kutsu/);

      // 4 Settings from the meeting page: invite a colleague as co-coordinator.
      await go(page, page.getByRole('link', { name: 'Sarjan asetukset: yksiköt, ihmiset, aiheet' }));
      await page.getByRole('heading', { name: 'Sarjan asetukset', level: 1 }).waitFor();
      const coordinators = page.getByRole('region', { name: 'Koordinaattorit' });
      await coordinators.getByLabel('Kollegan nimi').fill(`Ville ${tag}`);
      await coordinators.getByLabel('Kollegan sähköpostiosoite').fill(colleague);
      await go(page, coordinators.getByRole('button', { name: 'Lähetä kutsu' }));
      await page.getByText('Kutsu on lähetetty.').waitFor();
      await check(page, width);

      // The colleague logs in from the invitation email and lands on the series.
      const villeContext = await browser.newContext({ viewport: { width, height } });
      villeContext.setDefaultTimeout(90_000);
      const ville = await villeContext.newPage();
      watchCsp(ville, { into: cspErrors });
      const [invite] = await waitForMail(sink.received, colleague);
      expect(invite.parsed.subject).toBe(`Kutsu koordinaattoriksi: ${seriesName}`);
      await ville.goto(`${base}${loginPathOf(invite)}`);
      await go(ville, ville.getByRole('button', { name: 'Kirjaudu sisään' }));
      await ville.getByRole('region', { name: seriesName }).waitFor();
      await villeContext.close();

      // The handover, confirmed on its page.
      await page.reload();
      await go(page, page.getByRole('link', { name: 'Luovuta tehtävä ja lopeta koordinaattorina' }));
      await page.getByRole('heading', { name: 'Luovuta koordinaattorin tehtävä' }).waitFor();
      await page.getByLabel('Seuraaja').selectOption({ label: `Ville ${tag}` });
      await page.getByLabel('Kyllä, luovutan tehtävän ja lopetan tämän sarjan koordinaattorina').check();
      await check(page, width);
      await shot('handover');
      await go(page, page.getByRole('button', { name: 'Luovuta tehtävä' }));
      await page.getByRole('heading', { name: 'Tehtävä on luovutettu' }).waitFor();
      await page.getByText(`Ville ${tag} on nyt sarjan "${seriesName}" koordinaattori.`).waitFor();
      await check(page, width);

      // The successor's handover email; its link to the meeting logs them in onto the series.
      await dispatch();
      const handover = (await waitForMail(sink.received, colleague, 2)).find((m) =>
        /^Olet nyt koordinaattori/.test(m.parsed.subject ?? ''),
      );
      expect(handover).toBeDefined();
      const successor = await browser.newContext({ viewport: { width, height } });
      successor.setDefaultTimeout(90_000);
      const next = await successor.newPage();
      watchCsp(next, { into: cspErrors });
      await next.goto(linkIn(String(handover?.parsed.text), /\/meetings\/[0-9a-f-]{36}/));
      await next
        .getByText('Kirjaudu ensin. Sähköpostin linkistä pääset suoraan sivulle, jonka avasit.')
        .waitFor();
      await logInByEmail(next, colleague);
      await next.getByRole('heading', { name: /^Kokous 1:/ }).waitFor();
      expect(next.url()).toBe(meetingUrl);
      // The coordinator's meeting page: the link to the series' settings is there for the successor.
      await next.getByRole('link', { name: 'Sarjan asetukset: yksiköt, ihmiset, aiheet' }).waitFor();
      await check(next, width);
      await screenshot(next, `journey-successor-${width}.png`);
      expect(cspErrors).toEqual([]);
      await successor.close();
      await context.close();
    },
    600_000,
  );
});
