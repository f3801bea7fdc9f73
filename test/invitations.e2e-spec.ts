import request from 'supertest';
import { MailDispatcher } from '@kierto/mail';
import { SeriesMembership } from '@kierto/network';
import { calendarOf, createTestApp, ReceivedMail, startSmtpSink, TestApp } from '@kierto/testing';
import ICAL from 'ical.js';

/** Invite → move → cancel, as a mail server receives it and a calendar reads it. */
describe('invitations that land (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let auth: string;
  let seriesId: string;
  let units: string[];
  const people: Record<string, string> = {};

  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
  };
  const dispatch = () => t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
  const mailTo = (address: string) => sink.received.filter((m) => m.to === address);
  const last = (address: string): ReceivedMail => mailTo(address)[mailTo(address).length - 1];
  const create = async (key: string, body: object) => {
    people[key] = (await api.post('/api/v1/people', body).expect(201)).body.id;
    await api.put(`/api/v1/series/${seriesId}/members/${people[key]}`).expect(200);
  };
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;
  /** Opens a personal link's page as a browser does; `post` presses its button (form fields + CSRF). */
  const openForm = async (path: string) => {
    const agent = request.agent(t.http);
    const html = (await agent.get(path).expect(200)).text;
    const csrf = /name=['"]_csrf['"] value=['"]([\w-]+)['"]/.exec(html)?.[1];
    expect(csrf).toBeDefined();
    const action = new URL(path, 'http://x').pathname;
    return {
      post: (fields: object) =>
        agent
          .post(action)
          .type('form')
          .send({ ...fields, _csrf: csrf }),
    };
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'kokous@kierto.example',
      PUBLIC_URL: 'http://kierto.test',
    });
    auth = (await t.coordinator('coord@example.test')).auth;
    const s = await api
      .post('/api/v1/series', {
        name: 'Kiertävä kokous',
        cadenceMonths: 1,
        dayRule: { nth: 2, weekday: 2 },
        startTime: '14:00',
        durationMinutes: 120,
      })
      .expect(201);
    seriesId = s.body.id;
    units = [];
    for (const [name, address] of [
      ['A-klinikka', 'Hämeentie 1, Helsinki'],
      ['Sovatek', 'Kauppakatu 2, Jyväskylä'],
    ]) {
      units.push(
        (
          await api
            .post('/api/v1/units', { name, streetAddress: address, accessibilityNotes: 'Ramppi pihalla' })
            .expect(201)
        ).body.id,
      );
    }
    await api.put(`/api/v1/series/${seriesId}/rotation`, { unitIds: units }).expect(200);
    await create('anna', {
      displayName: 'Anna',
      kind: 'staff',
      email: 'anna@example.test',
      preferredLanguage: 'fi',
    });
    await create('erik', {
      displayName: 'Erik',
      kind: 'service_user',
      email: 'erik@example.test',
      preferredLanguage: 'sv',
      emailConsent: { givenOn: '2026-11-01', method: 'written' },
    });
    await create('tiina', { displayName: 'Tiina', kind: 'service_user', email: 'tiina@example.test' });
    await create('jussi', { displayName: 'J.', kind: 'service_user' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('shows before sending who gets email and who must be reached another way', async () => {
    const meeting = await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(201);
    const res = await api.get(`/api/v1/meetings/${meeting.body.id}/recipients`).expect(200);
    // The coordinator is a member of their own meetings: invited and counted like everyone else.
    expect(res.body.email.map((r: { displayName: string }) => r.displayName).sort()).toEqual([
      'Anna',
      'Erik',
      'Test Coordinator',
    ]);
    expect(
      res.body.other.map((r: { displayName: string; reason: string }) => [r.displayName, r.reason]).sort(),
    ).toEqual([
      ['J.', 'no-email'],
      ['Tiina', 'no-consent'],
    ]);
  });

  it('invites, moves and cancels with one UID and a growing SEQUENCE', async () => {
    const draft = await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(200);
    const meetingId = draft.body.id;
    const uid = draft.body.icalUid;
    await api.post(`/api/v1/meetings/${meetingId}/confirm`).expect(200);
    await dispatch();

    // Anna (staff), Erik (consented) and the coordinator get email; Tiina (no consent) and J. (no address) nothing.
    expect(sink.received.map((m) => m.to).sort()).toEqual([
      'anna@example.test',
      'coord@example.test',
      'erik@example.test',
    ]);
    expect(last('coord@example.test').parsed.subject).toMatch(/^Kutsu/);
    const anna = last('anna@example.test');
    const erik = last('erik@example.test');
    expect(anna.parsed.subject).toMatch(/^Kutsu/);
    expect(erik.parsed.subject).toMatch(/^Inbjudan/);
    expect(anna.parsed.text).toContain('Hämeentie 1, Helsinki');
    expect(anna.parsed.text).toContain('Ramppi pihalla');
    expect(anna.parsed.html).toContain('A-klinikka');
    expect(anna.raw).toMatch(/^List-Unsubscribe:\s*<http:\/\/kierto\.test\/unsubscribe\/[\w-]+>/m);
    expect(anna.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);

    const invite = calendarOf(anna.parsed);
    expect(anna.raw).toMatch(/Content-Type: text\/calendar;[^\n]{0,60}method=REQUEST/i);
    expect(invite.method).toBe('REQUEST');
    expect(invite.event.uid).toBe(uid);
    expect(invite.event.sequence).toBe(0);
    expect(invite.event.location).toContain('Hämeentie 1, Helsinki');
    expect(invite.event.startDate.toJSDate().toISOString()).toBe(draft.body.startsAt);
    expect(invite.vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Helsinki');
    expect(invite.calendar.getFirstSubcomponent('vtimezone')).toBeTruthy();
    expect(invite.attendees).toHaveLength(1);
    expect(String(invite.attendees[0].getFirstValue()).toLowerCase()).toBe('mailto:anna@example.test');
    expect(invite.attendees[0].getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(invite.attendees[0].getParameter('rsvp')).toBe('TRUE');
    expect(String(invite.vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe(
      'mailto:kokous@kierto.example',
    );
    expect(anna.raw).not.toContain('erik@example.test');
    // Invitations get forwarded: the calendar part has no personal link; the email body keeps them.
    const calendarText = (mail: ReceivedMail) =>
      mail.parsed.attachments
        .find((a) => a.contentType.startsWith('text/calendar'))
        ?.content.toString('utf8');
    const personal = /\/(rsvp|unsubscribe|calendar|minutes|p)\/[\w-]{20,}/;
    expect(anna.parsed.text).toMatch(personal);
    for (const mail of [anna, erik]) {
      const ics = calendarText(mail) as string;
      expect(ics.replace(/\r\n[ \t]/g, '')).not.toMatch(personal);
      expect(ics).toContain('DESCRIPTION:');
    }
    expect(invite.event.description).toContain('Hämeentie 1, Helsinki');
    expect(String(invite.vevent.getFirstPropertyValue('url'))).toBe('http://kierto.test');

    // The answer link opens the form with that answer marked; a mail scanner fetching all three
    // links (GET and HEAD) records nothing. Pressing the button (a POST with the page's CSRF token) does.
    const yes = (anna.parsed.text ?? '').match(/http:\/\/kierto\.test\/rsvp\/[\w-]+\?answer=yes/)?.[0];
    expect(yes).toBeDefined();
    const rsvpPath = new URL(yes as string).pathname;
    for (const answer of ['yes', 'no', 'maybe']) {
      expect((anna.parsed.text ?? '').includes(`http://kierto.test${rsvpPath}?answer=${answer}`)).toBe(true);
      await request(t.http).head(`${rsvpPath}?answer=${answer}`).expect(200);
      const scanned = await request(t.http).get(`${rsvpPath}?answer=${answer}`).expect(200);
      expect(scanned.text).toMatch(new RegExp(`value="${answer}" checked`));
      expect(scanned.text).toContain('id="not-saved"');
    }
    let answers = await api.get(`/api/v1/meetings/${meetingId}/invitations`).expect(200);
    // Anna and the coordinator, both staff.
    expect(answers.body.counts.staff).toEqual({ yes: 0, no: 0, maybe: 0, none: 2 });
    const page = await request(t.http)
      .get(pathOf(yes as string))
      .expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    // Without the page's CSRF token (a cross-site form, a scanner replaying the form) nothing is saved.
    const stale = await request(t.http).post(rsvpPath).type('form').send({ answer: 'yes' }).expect(403);
    expect(stale.text).toContain('Tallennus ei onnistunut, koska sivu oli vanhentunut. Mitään ei muutettu.');
    // Handlebars writes = as &#x3D; (the browser reads it back as =).
    expect(stale.text).toContain(`href='${rsvpPath}?answer&#x3D;yes'`);
    const annaForm = await openForm(pathOf(yes as string));
    const saved = await annaForm.post({ answer: 'yes' }).expect(200);
    expect(saved.text).toContain('id="saved"');
    expect(saved.text).toContain('Koordinaattori näkee vastauksesi');
    answers = await api.get(`/api/v1/meetings/${meetingId}/invitations`).expect(200);
    expect(answers.body.counts.staff).toEqual({ yes: 1, no: 0, maybe: 0, none: 1 });
    const erikMaybe = (erik.parsed.text ?? '').match(/http:\/\/kierto\.test\/rsvp\/[\w-]+/)?.[0] as string;
    const erikForm = await openForm(pathOf(erikMaybe));
    const erikSaved = await erikForm.post({ answer: 'maybe', note: 'Myöhässä' }).expect(200);
    expect(erikSaved.text).toContain('Koordinatorn ser ditt svar');
    await erikForm.post({ answer: 'yes' }).expect(200);
    await erikForm.post({ answer: 'perhaps' }).expect(400);
    answers = await api.get(`/api/v1/meetings/${meetingId}/invitations`).expect(200);
    expect(answers.body.counts.service_user).toEqual({ yes: 1, no: 0, maybe: 0, none: 2 });
    const erikRow = answers.body.invitations.find((i: { personId: string }) => i.personId === people.erik);
    expect(erikRow).toMatchObject({ answer: 'yes', note: 'Myöhässä', reachedBy: 'email' });
    expect(erikRow.deliveries[0]).toMatchObject({ kind: 'invitation', status: 'sent', sequence: 0 });

    // Move: new time and place, same UID, higher SEQUENCE.
    await api
      .patch(`/api/v1/meetings/${meetingId}`, {
        startTime: '15:00',
        hostUnitId: units[1],
        hostOverrideReason: 'Isompi tila',
      })
      .expect(200);
    await dispatch();
    const update = calendarOf(last('anna@example.test').parsed);
    expect(last('anna@example.test').parsed.subject).toMatch(/^Muutos/);
    expect(update.method).toBe('REQUEST');
    expect(update.event.uid).toBe(uid);
    expect(update.event.sequence).toBe(1);
    expect(update.event.location).toContain('Kauppakatu 2, Jyväskylä');
    expect(update.event.startDate.hour).toBe(15);

    // The subscribable calendar carries the same UID and SEQUENCE.
    const calUrl = (last('anna@example.test').parsed.text ?? '').match(
      /http:\/\/kierto\.test\/calendar\/[\w-]+\.ics/,
    )?.[0];
    const feed = await request(t.http)
      .get(pathOf(calUrl as string))
      .expect(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const feedEvents = new ICAL.Component(ICAL.parse(feed.text))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    expect(feedEvents.find((e) => e.uid === uid)?.sequence).toBe(1);
    expect(feed.text.replace(/\r\n[ \t]/g, '')).not.toMatch(
      /\/(rsvp|unsubscribe|calendar|minutes|p)\/[\w-]{20,}/,
    );

    // Cancel: METHOD:CANCEL, same UID, higher SEQUENCE, STATUS:CANCELLED.
    await api.post(`/api/v1/meetings/${meetingId}/cancel`, { reason: 'Vesivahinko' }).expect(200);
    await dispatch();
    const cancelMail = last('erik@example.test');
    expect(cancelMail.parsed.subject).toMatch(/^Inställt/);
    const cancel = calendarOf(cancelMail.parsed);
    expect(cancelMail.raw).toMatch(/Content-Type: text\/calendar;[^\n]{0,60}method=CANCEL/i);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.event.uid).toBe(uid);
    expect(cancel.event.sequence).toBe(2);
    expect(String(cancel.vevent.getFirstPropertyValue('status'))).toBe('CANCELLED');

    expect(mailTo('anna@example.test')).toHaveLength(3);
    expect(mailTo('tiina@example.test')).toHaveLength(0);
  });

  it('stops email from the series only when the button is pressed, not when the link is opened', async () => {
    const mail = last('anna@example.test');
    const url = (mail.parsed.text ?? '').match(/http:\/\/kierto\.test\/unsubscribe\/[\w-]+/)?.[0] as string;
    const membership = () =>
      t.db.getRepository(SeriesMembership).findOneByOrFail({ seriesId, personId: people.anna });
    await request(t.http).head(pathOf(url)).expect(200);
    const page = await request(t.http).get(pathOf(url)).expect(200);
    expect(page.text).toContain('Lopeta sähköpostit');
    expect((await membership()).unsubscribedAt).toBeNull();
    await request(t.http).post(pathOf(url)).type('form').send({}).expect(403);
    expect((await membership()).unsubscribedAt).toBeNull();
    const form = await openForm(pathOf(url));
    const done = await form.post({}).expect(200);
    expect(done.text).toContain('Et saa enää sähköpostia tästä kokoussarjasta');
    expect(done.text).toContain('ota yhteyttä kokouksen koordinaattoriin');
    const m = await membership();
    expect(m.unsubscribedAt).toBeInstanceOf(Date);
    const next = await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(201);
    const recipients = await api.get(`/api/v1/meetings/${next.body.id}/recipients`).expect(200);
    expect(recipients.body.other.find((r: { personId: string }) => r.personId === people.anna).reason).toBe(
      'unsubscribed',
    );
  });

  it('takes the RFC 8058 one-click unsubscribe POST of a mail client, without a page', async () => {
    const mail = last('erik@example.test');
    const header = /^List-Unsubscribe:\s*<(http:\/\/kierto\.test\/unsubscribe\/[\w-]+)>/m.exec(mail.raw)?.[1];
    expect(header).toBeDefined();
    const membership = () =>
      t.db.getRepository(SeriesMembership).findOneByOrFail({ seriesId, personId: people.erik });
    expect((await membership()).unsubscribedAt).toBeNull();
    await request(t.http)
      .post(pathOf(header as string))
      .type('form')
      .send('List-Unsubscribe=Yes')
      .expect(403);
    expect((await membership()).unsubscribedAt).toBeNull();
    await request(t.http)
      .post(pathOf(header as string))
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect((await membership()).unsubscribedAt).toBeInstanceOf(Date);
  });

  it('sends a valid invitation for a series, unit and person with quotes, commas and semicolons', async () => {
    const series = 'Kokous "Itä"; Vantaa, osa 2';
    const unit = 'Klinikka "A", sivu\\B';
    await api.patch(`/api/v1/series/${seriesId}`, { name: series }).expect(200);
    await api.patch(`/api/v1/units/${units[0]}`, { name: unit }).expect(200);
    await api.patch(`/api/v1/units/${units[1]}`, { name: `${unit} 2` }).expect(200);
    await create('mari', {
      displayName: 'Mari "Mörkö" Virtanen;ROLE=CHAIR',
      kind: 'staff',
      email: 'mari@example.test',
    });
    const next = await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(200);
    await api.post(`/api/v1/meetings/${next.body.id}/confirm`).expect(200);
    await dispatch();
    const invite = calendarOf(last('mari@example.test').parsed);
    expect(String(invite.vevent.getFirstPropertyValue('organizer'))).toBe('mailto:kokous@kierto.example');
    expect(invite.vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe(series);
    expect(invite.attendees).toHaveLength(1);
    expect(String(invite.attendees[0].getFirstValue()).toLowerCase()).toBe('mailto:mari@example.test');
    expect(invite.attendees[0].getParameter('cn')).toBe('Mari "Mörkö" Virtanen;ROLE=CHAIR');
    expect(invite.attendees[0].getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(invite.event.summary).toBe(`${series} #${next.body.number}`);
    expect(invite.event.location).toContain(unit);
  });

  it('answers 404 for a made-up personal link', async () => {
    await request(t.http).get('/rsvp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').expect(404);
    await request(t.http).get('/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics').expect(404);
  });
});
