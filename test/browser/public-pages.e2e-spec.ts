import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { MailDispatcher } from '@kierto/mail';
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
import { createWebNetwork } from './web-fixtures';

/**
 * The pages people reach without an account, in a real browser: the anonymous proposal form, the
 * printable "you said, we did" notice (one A4 page, QR code to the form) and the minutes reader
 * behind the link in the "minutes published" email. axe-core: no serious or critical violations.
 */
describeInBrowser(
  'proposal form, notice and minutes reader (browser)',
  () => {
    let sink: SmtpSink;
    let t: TestApp;
    let browser: Browser;
    let auth: string;
    let network: Awaited<ReturnType<typeof createWebNetwork>>;
    let proposalUrl: string;
    let noticeUrl: string;
    const api = {
      get: (p: string) => request(t.http).get(p).set('Authorization', auth),
      post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
      patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
      put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
    };
    const OUTCOME = 'Seulojen aikataulu kerrotaan nyt viikkoa ennen kaikissa yksiköissä.';

    beforeAll(async () => {
      ({ t, sink } = await startWebApp());
      auth = (await t.coordinator('koordinaattori@example.test', 'Kaisa Koordinaattori')).auth;
      network = await createWebNetwork(t, auth);
      // The notice is open to anyone only when the series says so (else 404 to visitors).
      await api.patch(`/api/v1/series/${network.seriesId}`, { publicFeedback: true }).expect(200);
      await api.post(`/api/v1/meetings/${network.meetingId}/confirm`).expect(200);
      const item = await api
        .post(`/api/v1/meetings/${network.meetingId}/agenda`, { title: 'Seulakäytännöt' })
        .expect(201);
      const action = await api
        .post(`/api/v1/agenda-items/${item.body.id}/action-items`, {
          title: 'Seulojen aikataulu tiedotetaan etukäteen',
          ownerUnitId: (await api.get(`/api/v1/meetings/${network.meetingId}`)).body.host.id,
          raisedBy: { kind: 'service_user', personId: network.people.tiina },
        })
        .expect(201);
      await api
        .patch(`/api/v1/action-items/${action.body.id}`, { status: 'done', publicOutcome: OUTCOME })
        .expect(200);
      const links = await api.get(`/api/v1/series/${network.seriesId}/proposal-link`).expect(200);
      proposalUrl = links.body.proposalUrl;
      noticeUrl = links.body.noticeUrl;
      browser = await launchChromium();
    });
    afterAll(() => closeAll(browser, t, sink));

    async function newPage(): Promise<{ page: Page; cspErrors: string[] }> {
      const page = await (await browser.newContext()).newPage();
      return { page, cspErrors: watchCsp(page, { anyType: true }) };
    }

    it('a service user proposes a topic anonymously; a missing topic is an error tied to the field', async () => {
      const { page, cspErrors } = await newPage();
      await page.goto(proposalUrl);
      await expectAccessible(page);
      await page.getByRole('button').filter({ hasText: 'Lähetä ehdotus' }).click();
      expect(await page.locator('#title-error').isVisible()).toBe(true);
      expect(await page.locator('#title').getAttribute('aria-describedby')).toBe('title-error');
      await expectAccessible(page);
      await page.fill('#title', 'Jonottaminen lääkkeenjakoon');
      await page.fill('#description', 'Aamulla jono on pitkä.');
      await page.getByRole('button').filter({ hasText: 'Lähetä ehdotus' }).click();
      expect(await page.locator('#saved').isVisible()).toBe(true);
      await screenshot(page, 'proposal-form.png');
      expect(cspErrors).toEqual([]);
      const proposals = await api.get(`/api/v1/series/${network.seriesId}/proposals`).expect(200);
      expect(proposals.body.items).toEqual([
        expect.objectContaining({ title: 'Jonottaminen lääkkeenjakoon', anonymous: true, proposerId: null }),
      ]);
    });

    it('the notice shows the next meeting and the outcome, and prints on one A4 page with a QR code', async () => {
      const { page, cspErrors } = await newPage();
      await page.goto(noticeUrl);
      await expectAccessible(page);
      expect(await page.locator('.notice-next').textContent()).toContain('A-klinikka');
      expect(await page.locator('.notice-items').textContent()).toContain(OUTCOME);
      expect(await page.locator('.qr svg').count()).toBe(1);
      await screenshot(page, 'notice.png');
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBe(1);
      expect(cspErrors).toEqual([]);
    });

    it('a member reads the published minutes from the link in the email', async () => {
      t.clock.current = new Date(Date.now() + 200 * 86_400_000);
      const minutes = await api.put(`/api/v1/meetings/${network.meetingId}/minutes`, {}).expect(201);
      await api
        .patch(`/api/v1/minutes/${minutes.body.id}`, {
          items: [
            {
              agendaItemId: null,
              title: 'Seulakäytännöt',
              notes: 'Käytännöt vaihtelevat.',
              decisions: 'Aikataulu kerrotaan viikkoa ennen.',
            },
          ],
          attendance: { present: [{ personId: network.people.anna }], unnamedServiceUsers: 3 },
          privacyChecked: [
            'no-treatment-details',
            'no-absent-people',
            'service-users-named-with-consent',
            'no-identifiers',
          ],
        })
        .expect(200);
      await api.post(`/api/v1/minutes/${minutes.body.id}/approve`).expect(200);
      await api.post(`/api/v1/minutes/${minutes.body.id}/publish`).expect(200);
      await t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
      const mail = sink.received.find(
        (m) => m.to === network.emails.anna && m.parsed.text?.includes('/minutes/'),
      );
      const link = /(http:\/\/127\.0\.0\.1:\d+\/minutes\/\S+)/.exec(mail?.parsed.text ?? '');
      expect(link).not.toBeNull();
      const { page, cspErrors } = await newPage();
      await page.goto(link![1]);
      expect(await page.locator('article.minutes').textContent()).toContain(
        'Aikataulu kerrotaan viikkoa ennen.',
      );
      expect(await page.locator('article.minutes').textContent()).toContain('3');
      await expectAccessible(page);
      await screenshot(page, 'minutes-reader.png');
      expect(cspErrors).toEqual([]);
    });
  },
  `Skipping the public pages' browser tests: ${CHROMIUM} is missing (Debian package chromium).`,
);
