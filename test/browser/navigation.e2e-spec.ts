import { Browser, Page } from 'playwright-core';
import { TestApp } from '@kierto/testing';
import {
  CHROMIUM,
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

const SERIES = 'Kiertävä kokous, Vantaa';

/**
 * A coordinator reaches every page of a series by clicking only, at 1280 and 360 px: from the
 * dashboard card to the meeting page, the settings, the CSV import, the public topic form, the
 * printable notice and the minutes archive, and back through the breadcrumb. On the settings page
 * she edits a unit and a person and makes the notice public, which then opens without logging in.
 * Every page is checked with axe-core, for CSP errors and for sideways scrolling.
 */
describeInBrowser(
  'every page of a series reachable by links (browser)',
  () => {
    let sink: SmtpSink;
    let t: TestApp;
    let browser: Browser;
    let base: string;
    let logins = 0;
    const COORDINATOR = 'navigointi@example.test';

    beforeAll(async () => {
      ({ t, sink, base } = await startWebApp());
      const { auth } = await t.coordinator(COORDINATOR, 'Kaisa Koordinaattori');
      await createWebNetwork(t, auth, SERIES);
      browser = await launchChromium();
    });
    afterAll(() => closeAll(browser, t, sink));

    async function logIn(page: Page): Promise<void> {
      await page.goto(`${base}/login`);
      await page.getByLabel('Sähköpostiosoite').fill(COORDINATOR);
      await page.getByRole('button', { name: 'Lähetä linkki' }).click();
      await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
      const mails = await waitForMail(sink.received, COORDINATOR, ++logins);
      await page.goto(`${base}${loginPathOf(mails[logins - 1])}`);
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await page.getByRole('heading', { name: 'Kokoukset', level: 1 }).waitFor();
    }

    /** The page is usable at this width: no sideways scrolling, no serious axe finding. */
    async function checkPage(page: Page, width: number): Promise<void> {
      const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
      expect(scrollWidth).toBeLessThanOrEqual(width);
      await expectAccessible(page);
    }

    const card = (page: Page) =>
      page.locator('section.series', { has: page.getByRole('heading', { name: SERIES, level: 3 }) });
    const crumbs = (page: Page) => page.getByRole('navigation', { name: 'Olet tässä' });

    it.each([
      [1280, 800],
      [360, 740],
    ])('reaches each page of the series from the dashboard by clicking, at %i px', async (width, height) => {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const cspErrors = watchCsp(page);
      await logIn(page);
      expect(await crumbs(page).locator('[aria-current=page]').textContent()).toBe('Etusivu');
      await checkPage(page, width);
      await screenshot(page, `navigation-dashboard-${width}.png`);

      const targets: [string, string][] = [
        ['Kokouksen sivu', 'Kokous 1'],
        ['Asetukset: yksiköt, ihmiset, aiheet', 'Sarjan asetukset'],
        ['Tuo ihmisiä ja yksiköitä taulukosta', 'Tuo taulukosta'],
        ['Aihe-ehdotusten lomake (julkinen)', 'Ehdota aihetta kokoukseen'],
        ['Odotustilan tiedote tulostettavaksi', 'Te sanoitte, me teimme'],
        ['Muistioarkisto', 'Muistioarkisto'],
      ];
      for (const [link, heading] of targets) {
        await card(page).getByRole('link', { name: link }).click();
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        // The header says where she is, and "Etusivu" leads back.
        const home = crumbs(page).getByRole('link', { name: 'Etusivu' });
        expect(await home.count()).toBe(1);
        await checkPage(page, width);
        await home.click();
        await page.getByRole('heading', { name: 'Kokoukset', level: 1 }).waitFor();
      }

      // The meeting page: the breadcrumb names the series and the meeting; it links to the settings.
      await card(page).getByRole('link', { name: 'Kokouksen sivu' }).click();
      await page.getByRole('heading', { name: 'Kokous 1', level: 1 }).waitFor();
      expect(await crumbs(page).getByRole('link', { name: SERIES }).count()).toBe(1);
      expect(await crumbs(page).locator('[aria-current=page]').textContent()).toMatch(/^Kokous 1: /);
      await screenshot(page, `navigation-meeting-${width}.png`);
      await page.getByRole('link', { name: 'Sarjan asetukset: yksiköt, ihmiset, aiheet' }).click();
      await page.getByRole('heading', { name: 'Sarjan asetukset', level: 1 }).waitFor();
      // The series in the breadcrumb: back to its card on the dashboard.
      await crumbs(page).getByRole('link', { name: SERIES }).click();
      await page.getByRole('heading', { name: 'Kokoukset', level: 1 }).waitFor();
      expect(cspErrors).toEqual([]);
      await context.close();
    });

    it('edits a unit and a person and makes the notice public, which then opens without logging in', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const cspErrors = watchCsp(page);
      await logIn(page);
      await card(page).getByRole('link', { name: 'Asetukset: yksiköt, ihmiset, aiheet' }).click();
      await page.getByRole('heading', { name: 'Sarjan asetukset', level: 1 }).waitFor();

      // A unit: its details open from the list, the street address changes.
      await page.locator('#units summary', { hasText: 'Sovatek' }).click();
      const sovatek = page.locator('#units details', { hasText: 'Sovatek' });
      await sovatek.getByLabel('Katuosoite').fill('Asematie 3, Vantaa');
      await sovatek.getByLabel('Yhteysosoite').fill('ei-osoite');
      await sovatek.getByRole('button', { name: 'Tallenna yksikkö' }).click();
      // A bad address: the form stays open with the message at the field and the input kept.
      await page.getByText('Sähköpostiosoite ei ole oikean muotoinen.').waitFor();
      expect(await sovatek.getByLabel('Katuosoite').inputValue()).toBe('Asematie 3, Vantaa');
      await checkPage(page, 1280);
      await sovatek.getByLabel('Yhteysosoite').fill('sovatek@example.test');
      await sovatek.getByRole('button', { name: 'Tallenna yksikkö' }).click();
      await page.getByText('Yksikön tiedot on tallennettu.').waitFor();
      const [unit] = await t.db.query(
        `SELECT street_address, contact_email FROM unit WHERE name = 'Sovatek'`,
      );
      expect(unit).toEqual({ street_address: 'Asematie 3, Vantaa', contact_email: 'sovatek@example.test' });
      await screenshot(page, 'navigation-settings-units-1280.png');

      // A person: from the people table to their page, the language changes.
      await page.locator('#people').getByRole('link', { name: 'Anna' }).click();
      await page.getByRole('heading', { name: 'Anna', level: 1 }).waitFor();
      expect(await crumbs(page).getByRole('link', { name: 'Sarjan asetukset' }).count()).toBe(1);
      await checkPage(page, 1280);
      await page.getByRole('combobox', { name: 'Kieli' }).selectOption('sv');
      await page.getByRole('button', { name: 'Tallenna' }).click();
      await page.getByText('Henkilön tiedot on tallennettu.').waitFor();
      const [anna] = await t.db.query(`SELECT preferred_language FROM person WHERE display_name = 'Anna'`);
      expect(anna.preferred_language).toBe('sv');

      // The notice: private first (someone without an account gets "not found"), then public.
      const noticeHref = await page
        .getByRole('link', { name: 'Avaa tulostettava tiedote' })
        .getAttribute('href');
      expect(noticeHref).toMatch(/^\/s\/[\w-]+\/notice$/);
      const anonymous = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const outsider = await anonymous.newPage();
      expect((await outsider.goto(`${base}${noticeHref}`))?.status()).toBe(404);
      await page.getByLabel('Tiedote on julkinen').check();
      await page.locator('#public').getByRole('button', { name: 'Tallenna' }).click();
      await page.getByText('Tiedotteen näkyvyys on tallennettu.').waitFor();
      await page.getByText('Tiedote on nyt julkinen.').waitFor();
      expect(await page.getByLabel('Tiedote on julkinen').isChecked()).toBe(true);
      expect((await outsider.goto(`${base}${noticeHref}`))?.status()).toBe(200);
      await outsider.getByRole('heading', { name: 'Te sanoitte, me teimme', level: 1 }).waitFor();
      expect(await outsider.getByText(SERIES).count()).toBeGreaterThan(0);
      // No breadcrumb for someone not logged in.
      expect(await outsider.getByRole('navigation', { name: 'Olet tässä' }).count()).toBe(0);
      await checkPage(outsider, 360);
      await screenshot(outsider, 'navigation-public-notice-360.png');
      expect(cspErrors).toEqual([]);
      await anonymous.close();
      await context.close();
    });
  },
  `Skipping the navigation browser test: ${CHROMIUM} is missing. Install the Debian package chromium.`,
);
