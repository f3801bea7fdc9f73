import iconv from 'iconv-lite';
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
import { peopleFiles } from '../import-fixtures';
import { createWebNetwork, loginPathOf, waitForMail } from './web-fixtures';

/**
 * A coordinator keeps the series up to date in a real browser: reminder days, the rotation order, a
 * standing topic, and an import of units from a CSV with one bad row (seen, fixed, imported). Every
 * page is checked with axe-core and for CSP errors.
 */
describeInBrowser(
  'coordinator edits the series settings (browser)',
  () => {
    let sink: SmtpSink;
    let t: TestApp;
    let browser: Browser;
    let base: string;
    let network: Awaited<ReturnType<typeof createWebNetwork>>;
    const COORDINATOR = 'asetukset@example.test';

    beforeAll(async () => {
      ({ t, sink, base } = await startWebApp());
      const { auth } = await t.coordinator(COORDINATOR, 'Kaisa Koordinaattori');
      network = await createWebNetwork(t, auth);
      browser = await launchChromium();
    });
    afterAll(() => closeAll(browser, t, sink));

    async function logIn(page: Page) {
      const before = sink.received.filter((m) => m.to === COORDINATOR).length;
      await page.goto(`${base}/login`);
      await page.getByLabel('Sähköpostiosoite').fill(COORDINATOR);
      await page.getByRole('button', { name: 'Lähetä linkki' }).click();
      await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
      const mails = await waitForMail(sink.received, COORDINATOR, before + 1);
      await page.goto(`${base}${loginPathOf(mails[mails.length - 1])}`);
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await page.getByRole('heading', { name: 'Kokoukset' }).waitFor();
    }

    it('changes reminder days, moves a unit, adds a standing topic and imports units from a CSV', async () => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
      const page = await context.newPage();
      const cspErrors = watchCsp(page);

      // Log in through the emailed link.
      await page.goto(`${base}/login`);
      await page.getByLabel('Sähköpostiosoite').fill(COORDINATOR);
      await page.getByRole('button', { name: 'Lähetä linkki' }).click();
      await page.getByRole('heading', { name: 'Katso sähköpostisi' }).waitFor();
      const [mail] = await waitForMail(sink.received, COORDINATOR);
      await page.goto(`${base}${loginPathOf(mail)}`);
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await page.getByRole('heading', { name: 'Kokoukset' }).waitFor();

      const settingsUrl = `${base}/series/${network.seriesId}/settings`;
      await page.goto(settingsUrl);
      await page.getByRole('heading', { name: 'Sarjan asetukset', level: 1 }).waitFor();
      await expectAccessible(page);

      // Reminder days: a bad value first (the error sits under the field, the input is kept).
      const reminders = page.getByLabel('Muistutukset, päivää ennen');
      await reminders.fill('7, 99');
      await page.locator('#basics').getByRole('button', { name: 'Tallenna' }).click();
      await page.getByText('Kirjoita enintään 5 lukua 0–60 pilkulla erotettuina.').waitFor();
      expect(await reminders.inputValue()).toBe('7, 99');
      expect(await reminders.getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page);
      await reminders.fill('10, 2');
      await page.locator('#basics').getByRole('button', { name: 'Tallenna' }).click();
      await page.getByText('Perustiedot on tallennettu.').waitFor();
      expect(await page.getByLabel('Muistutukset, päivää ennen').inputValue()).toBe('10, 2');

      // The rotation: Sovatek moves up, before A-klinikka.
      const rotation = page.locator('#rotation ol li');
      expect(await rotation.locator('.settings-name').allTextContents()).toEqual(['A-klinikka', 'Sovatek']);
      await page.getByRole('button', { name: 'Siirrä ylös Sovatek' }).click();
      await page.getByText('Vuorojärjestys on tallennettu.').waitFor();
      expect(await rotation.locator('.settings-name').allTextContents()).toEqual(['Sovatek', 'A-klinikka']);
      await expectAccessible(page);

      // A standing topic.
      const topics = page.locator('#topics');
      await topics.getByLabel('Otsikko').last().fill('Seulakäytännöt');
      await topics.getByLabel('Kuvaus (ei pakollinen)').last().fill('Miten seulat tehdään eri yksiköissä.');
      await topics.getByRole('button', { name: 'Lisää vakioaihe' }).click();
      await page.getByText('Vakioaihe on tallennettu.').waitFor();
      await page.locator('#topics').getByRole('heading', { name: 'Seulakäytännöt' }).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'settings.png');

      // On a 360 px phone nothing scrolls sideways.
      await page.setViewportSize({ width: 360, height: 740 });
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
      await page.setViewportSize({ width: 1024, height: 800 });

      // The import: one bad row is shown with its error, fixed in the text box, then all rows go in.
      await page.getByRole('link', { name: 'Tuo yksiköitä ja ihmisiä taulukosta (CSV)' }).click();
      await page.getByRole('heading', { name: 'Tuo taulukosta', level: 1 }).waitFor();
      await expectAccessible(page);
      const csv =
        'name;streetAddress;accessibilityNotes;contactEmail\nTukikohta;Hämeentie 3;Hissi;\n;Alppikatu 2;;\n';
      await page.getByLabel('Tiedosto').setInputFiles({
        name: 'yksikot.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
      });
      await page.getByRole('button', { name: 'Esikatsele' }).click();
      await page.getByRole('heading', { name: 'Esikatselu' }).waitFor();
      await page.getByText('Nimi puuttuu. Kirjoita se tälle riville.').waitFor();
      expect(await page.getByRole('button', { name: 'Tuo kaikki' }).count()).toBe(0);
      await expectAccessible(page);

      const box = page.getByLabel('Tai liitä taulukon sisältö tähän');
      expect(await box.inputValue()).toContain(';Alppikatu 2;;');
      await box.fill(csv.replace(';Alppikatu 2;;', 'Diakonissalaitos;Alppikatu 2;;'));
      await page.getByRole('button', { name: 'Esikatsele' }).click();
      await page.getByText('Kaikki rivit ovat kunnossa.').waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Tuo kaikki' }).click();
      await page.getByText('Tuonti onnistui. Tallennettiin 2 riviä.').waitFor();
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Takaisin asetuksiin' }).click();
      expect(await page.locator('#rotation ol li .settings-name').allTextContents()).toEqual([
        'Sovatek',
        'A-klinikka',
        'Tukikohta',
        'Diakonissalaitos',
      ]);
      await expectAccessible(page);

      expect(cspErrors).toEqual([]);
      await context.close();
    });

    it('imports 30 people from an Excel file in Windows-1252; a bad row says why beside it at 1280 and 360 px', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const cspErrors = watchCsp(page);
      await logIn(page);

      await page.goto(`${base}/series/${network.seriesId}/settings`);
      await page.getByRole('link', { name: 'Tuo yksiköitä ja ihmisiä taulukosta (CSV)' }).click();
      await page.getByRole('heading', { name: 'Tuo taulukosta', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Ihmisten malli, suomeksi' }).waitFor();
      await page.getByText('Kotiyksikkö (myös Hemenhet, Home unit)').waitFor();

      const { fi1252 } = peopleFiles(['A-klinikka', 'Sovatek'], 'selain');
      const text = iconv.decode(fi1252, 'win1252');
      const bad = text.replace('Jörö Hoitaja 3;henkilöstö', 'Jörö Hoitaja 3;hoitaja');
      expect(bad).not.toBe(text);
      await page.getByLabel('Ihmisiä').check();
      await page.getByLabel('Tiedosto').setInputFiles({
        name: 'ihmiset.csv',
        mimeType: 'text/csv',
        buffer: iconv.encode(bad, 'win1252'),
      });
      await page.getByRole('button', { name: 'Esikatsele' }).click();
      await page.getByRole('heading', { name: 'Esikatselu' }).waitFor();
      const reason = page.getByText(
        "Rooli 'hoitaja' ei ole tuttu: kirjoita henkilöstö, palvelun käyttäjä tai vieras.",
      );
      await reason.waitFor();
      expect(await page.getByRole('button', { name: 'Tuo kaikki' }).count()).toBe(0);
      const row = page.locator('tr.settings-bad');
      expect(await row.count()).toBe(1);
      expect(await row.locator('th').textContent()).toBe('4');
      // One reason: the home unit is not blamed for the unknown role.
      expect(await row.locator('.settings-row-errors li').count()).toBe(1);
      await expectAccessible(page);
      await screenshot(page, 'import.png');

      // The reason is in view beside its row, without scrolling sideways, on a desktop and a phone.
      for (const [width, height] of [
        [1280, 800],
        [360, 740],
      ]) {
        await page.setViewportSize({ width, height });
        await reason.scrollIntoViewIfNeeded();
        const box = await reason.boundingBox();
        const line = await row.locator('th').boundingBox();
        expect(box && line).toBeTruthy();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        expect(box!.y + box!.height).toBeLessThanOrEqual(height);
        expect(box!.x).toBeGreaterThan(line!.x);
        expect(box!.y).toBeLessThan(line!.y + line!.height);
        expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
          width,
        );
        await expectAccessible(page);
      }
      await screenshot(page, 'import-phone.png');
      await page.setViewportSize({ width: 1280, height: 800 });

      // The fixed file goes in: 30 people.
      await page
        .getByLabel('Tiedosto')
        .setInputFiles({ name: 'ihmiset.csv', mimeType: 'text/csv', buffer: fi1252 });
      await page.getByRole('button', { name: 'Esikatsele' }).click();
      await page.getByText('Kaikki rivit ovat kunnossa.').waitFor();
      await page.getByRole('button', { name: 'Tuo kaikki' }).click();
      await page.getByText('Tuonti onnistui. Tallennettiin 30 riviä.').waitFor();
      await expectAccessible(page);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM series_membership m JOIN person p ON p.id = m.person_id
          WHERE m.series_id = $1 AND (p.email LIKE 'selain.%' OR p.display_name LIKE '% Käyttäjä %' OR p.display_name LIKE '% Vieras %')`,
        [network.seriesId],
      );
      expect(n).toBe(30);
      expect(cspErrors).toEqual([]);
      await context.close();
    });
  },
  `Skipping the settings browser test: ${CHROMIUM} is missing. Install the Debian package chromium.`,
);
