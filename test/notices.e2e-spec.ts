import request from 'supertest';
import {
  AccessToken,
  MailDispatcher,
  MailJob,
  NoticeData,
  NoticeKind,
  NoticeOutbox,
  NoticeRequest,
} from '@kierto/mail';
import { Person } from '@kierto/network';
import { createTestApp, ReceivedMail, startSmtpSink, TestApp } from '@kierto/testing';

/** Notices (minutes, action items, proposals, handover) through the outbox, as a mail server receives them. */
describe('notices through the outbox (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let auth: string;
  let coordinatorId: string;
  let seriesId: string;
  let meetingId: string;
  const people: Record<string, string> = {};

  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
    delete: (p: string) => request(t.http).delete(p).set('Authorization', auth),
  };
  const dispatch = () => t.app.get(MailDispatcher).dispatchDue(new Date(), 100);
  const mailTo = (address: string) => sink.received.filter((m) => m.to === address);
  const only = (address: string): ReceivedMail => {
    const mails = mailTo(address);
    expect(mails).toHaveLength(1);
    return mails[0];
  };
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;
  /** Enqueues in a transaction of its own, the way a domain service would inside its change. */
  const enqueue = <K extends NoticeKind>(req: NoticeRequest<K>) =>
    t.db.transaction((em) => t.app.get(NoticeOutbox).enqueue(em, req));
  const jobByKey = (key: string) =>
    t.db.getRepository(MailJob).findOneBy({ idempotencyKey: `notice:${key}` });

  const minutes: NoticeData['minutes-published'] = {
    seriesName: 'Kiertävä kokous',
    meetingNumber: 1,
    meetingDate: '2026-12-08',
    hostName: 'A-klinikka',
    version: 1,
    correctionNote: null,
    decisions: ['Seulakäytännöt yhtenäistetään', 'Kotiannokset <b>lomilla</b> selvitetään'],
    actionItems: [
      {
        title: 'Kirjoita ohje',
        ownerUnit: 'Sovatek',
        assigneeName: 'Maija',
        dueDate: '2027-02-01',
        status: 'open',
      },
    ],
    url: 'http://kierto.test/minutes/1',
  };
  const minutesFor = (person: string, over: Partial<NoticeRequest<'minutes-published'>> = {}) => ({
    kind: 'minutes-published' as const,
    seriesId,
    personId: people[person],
    meetingId,
    key: `minutes-published:${meetingId}:1:${people[person]}`,
    data: minutes,
    ...over,
  });

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'kokous@kierto.example',
      PUBLIC_URL: 'http://kierto.test',
    });
    const coordinator = await t.coordinator('coord@example.test', 'Kaisa Koordinaattori');
    auth = coordinator.auth;
    coordinatorId = coordinator.personId;
    seriesId = (
      await api
        .post('/api/v1/series', {
          name: 'Kiertävä kokous',
          cadenceMonths: 1,
          dayRule: { nth: 2, weekday: 2 },
          startTime: '14:00',
          durationMinutes: 120,
        })
        .expect(201)
    ).body.id;
    const unit = await api
      .post('/api/v1/units', { name: 'A-klinikka', streetAddress: 'Hämeentie 1, Helsinki' })
      .expect(201);
    await api.put(`/api/v1/series/${seriesId}/rotation`, { unitIds: [unit.body.id] }).expect(200);
    const create = async (key: string, body: object, member = true) => {
      people[key] = (await api.post('/api/v1/people', body).expect(201)).body.id;
      if (member) await api.put(`/api/v1/series/${seriesId}/members/${people[key]}`).expect(200);
    };
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
    await create('emma', {
      displayName: 'Emma',
      kind: 'staff',
      email: 'emma@example.test',
      preferredLanguage: 'en',
    });
    await create('tiina', { displayName: 'Tiina', kind: 'service_user', email: 'tiina@example.test' });
    await create('jussi', { displayName: 'J.', kind: 'staff' });
    await create('olli', { displayName: 'Olli', kind: 'staff', email: 'olli@example.test' }, false);
    await create('leo', { displayName: 'Leo', kind: 'staff', email: 'leo@example.test' });
    await api.delete(`/api/v1/series/${seriesId}/members/${people.leo}`).expect(204);

    // A confirmed meeting, so that its invitation listing has meeting mails and notices side by side.
    meetingId = (await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(201)).body.id;
    await api.post(`/api/v1/meetings/${meetingId}/confirm`).expect(200);
    await dispatch();
    sink.received.length = 0;
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('sends each notice in the recipient language, with an unsubscribe link and no calendar part', async () => {
    await t.db.transaction(async (em) => {
      const outbox = t.app.get(NoticeOutbox);
      for (const person of ['anna', 'erik', 'emma']) {
        expect(await outbox.enqueue(em, minutesFor(person))).toEqual({ queued: true });
      }
      expect(
        await outbox.enqueue(em, {
          kind: 'action-update',
          seriesId,
          personId: people.erik,
          key: `action-update:a1:done:${people.erik}`,
          data: {
            seriesName: 'Kiertävä kokous',
            title: 'Kirjoita ohje',
            status: 'done',
            previousStatus: 'in_progress',
            publicOutcome: 'Ohje kotiannoksista on nyt kaikissa yksiköissä.',
            url: null,
          },
        }),
      ).toEqual({ queued: true });
      expect(
        await outbox.enqueue(em, {
          kind: 'action-assigned',
          seriesId,
          personId: people.anna,
          key: `action-assigned:a1:${people.anna}`,
          data: {
            seriesName: 'Kiertävä kokous',
            action: { ...minutes.actionItems[0], description: 'Yksi sivu, selkokielellä' },
            meetingNumber: 1,
            url: '/actions/a1',
          },
        }),
      ).toEqual({ queued: true });
    });
    expect(await dispatch()).toBe(5);

    const annaMinutes = mailTo('anna@example.test').find((m) => /^Pöytäkirja/.test(m.parsed.subject ?? ''));
    expect(annaMinutes?.parsed.subject).toBe('Pöytäkirja: Kiertävä kokous, kokous 1 (8.12.2026)');
    const text = annaMinutes?.parsed.text ?? '';
    expect(text).toContain('Kokous oli tiistai 8.12.2026.');
    expect(text).toContain('1. Seulakäytännöt yhtenäistetään');
    expect(text).toContain('2. Kotiannokset <b>lomilla</b> selvitetään');
    expect(text).toContain('   Vastuussa: Sovatek');
    expect(text).toContain('   Määräaika: 1.2.2027');
    expect(text).toContain('Lue koko pöytäkirja: http://kierto.test/minutes/1');
    const html = String(annaMinutes?.parsed.html);
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain('Kotiannokset &lt;b&gt;lomilla&lt;/b&gt; selvitetään');
    expect(html).toContain('<a href="http://kierto.test/minutes/1">Lue koko pöytäkirja</a>');
    expect(annaMinutes?.raw).toMatch(/^List-Unsubscribe:\s*<http:\/\/kierto\.test\/unsubscribe\/[\w-]+>/m);
    expect(annaMinutes?.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(text).toMatch(/http:\/\/kierto\.test\/unsubscribe\/[\w-]+/);
    expect(annaMinutes?.raw).not.toMatch(/text\/calendar/i);
    expect(annaMinutes?.parsed.attachments).toHaveLength(0);
    expect(annaMinutes?.parsed.from?.text).toContain('kokous@kierto.example');

    const assigned = mailTo('anna@example.test').find((m) => /^Uusi tehtävä/.test(m.parsed.subject ?? ''));
    expect(assigned?.parsed.subject).toBe('Uusi tehtävä: Kirjoita ohje');
    // A path is made into a link to this application.
    expect(assigned?.parsed.text).toContain('Avaa tehtävä: http://kierto.test/actions/a1');

    const erik = mailTo('erik@example.test');
    expect(erik.map((m) => m.parsed.subject).sort()).toEqual([
      'Protokoll: Kiertävä kokous, möte nr 1 (8.12.2026)',
      'Uppgiftens läge: Kirjoita ohje – klar',
    ]);
    const update = erik.find((m) => /^Uppgiftens/.test(m.parsed.subject ?? ''));
    expect(String(update?.parsed.html)).toContain(
      '<p class="highlight"><strong>Ohje kotiannoksista on nyt kaikissa yksiköissä.</strong></p>',
    );
    expect(update?.parsed.text).toContain('Läge: pågår → klar');
    expect(String(update?.parsed.html)).toContain('<html lang="sv">');

    expect(only('emma@example.test').parsed.subject).toBe(
      'Minutes: Kiertävä kokous, meeting 1 (8 December 2026)',
    );
    expect(only('emma@example.test').parsed.text).toContain('Due date: 1 February 2027');

    // Sent rows keep the data but not the personal token; the meeting id is there when it was given.
    const row = await jobByKey(`minutes-published:${meetingId}:1:${people.anna}`);
    expect(row).toMatchObject({
      status: 'sent',
      kind: 'minutes-published',
      seriesId,
      meetingId,
      sequence: 0,
    });
    expect(row?.payload.unsubscribeToken).toBeUndefined();
    expect(row?.payload.notice).toMatchObject({ meetingNumber: 1 });
    expect(await jobByKey(`action-assigned:a1:${people.anna}`)).toMatchObject({
      status: 'sent',
      meetingId: null,
    });
  });

  it('emails a coordinator, a member of their own series (with an unsubscribe link)', async () => {
    const result = await enqueue({
      kind: 'handover',
      seriesId,
      personId: coordinatorId,
      key: `handover:m2:${coordinatorId}`,
      data: {
        seriesName: 'Kiertävä kokous',
        meetingNumber: 2,
        startsAt: '2027-01-12T12:00:00Z',
        timezone: 'Europe/Helsinki',
        hostName: 'A-klinikka',
        streetAddress: 'Hämeentie 1, Helsinki',
        openActions: minutes.actionItems,
        pendingProposals: ['Vertaistuki odotusaikana'],
        url: null,
      },
    });
    expect(result).toEqual({ queued: true });
    await dispatch();
    const mail = only('coord@example.test');
    expect(mail.parsed.subject).toBe(
      'Teidän vuoronne järjestää kokous: Kiertävä kokous ti 12.1.2027 klo 14.00',
    );
    const text = mail.parsed.text ?? '';
    expect(text).toContain('Päivä: tiistai 12.1.2027');
    expect(text).toContain('Aika: klo 14.00');
    expect(text).toContain('Osoite: Hämeentie 1, Helsinki');
    expect(text).toContain('1. Kirjoita ohje');
    expect(text).toContain('1. Vertaistuki odotusaikana');
    expect(text).toContain('- [ ] Kokouksessa ei puhuta kenenkään hoidon tiedoista.');
    expect(mail.raw).toMatch(/^List-Unsubscribe/im);
    expect(text).toContain('/unsubscribe/');
  });

  it('queues nothing for those who may not be emailed, and says why', async () => {
    const before = await t.db.getRepository(MailJob).count();
    const tokens = await t.db.getRepository(AccessToken).count();
    expect(await enqueue(minutesFor('tiina'))).toEqual({ queued: false, reason: 'no-consent' });
    expect(await enqueue(minutesFor('jussi'))).toEqual({ queued: false, reason: 'no-email' });
    expect(await enqueue(minutesFor('olli'))).toEqual({ queued: false, reason: 'not-member' });
    expect(await enqueue(minutesFor('leo'))).toEqual({ queued: false, reason: 'not-member' });
    expect(
      await enqueue({
        ...minutesFor('anna'),
        personId: '00000000-0000-4000-8000-000000000000',
        key: 'nobody',
      }),
    ).toEqual({ queued: false, reason: 'not-member' });
    expect(await t.db.getRepository(MailJob).count()).toBe(before);
    expect(await t.db.getRepository(AccessToken).count()).toBe(tokens);
    await dispatch();
    expect(mailTo('tiina@example.test')).toHaveLength(0);
    expect(mailTo('olli@example.test')).toHaveLength(0);
    expect(mailTo('leo@example.test')).toHaveLength(0);
  });

  it('treats a repeated key as a no-op, in one transaction or in two', async () => {
    const req = {
      kind: 'action-due' as const,
      seriesId,
      personId: people.emma,
      key: `action-due:a1:7d:${people.emma}`,
      data: {
        seriesName: 'Kiertävä kokous',
        action: { ...minutes.actionItems[0], description: null },
        daysLeft: 7,
        url: null,
      },
    };
    const results = await t.db.transaction(async (em) => {
      const outbox = t.app.get(NoticeOutbox);
      return [await outbox.enqueue(em, req), await outbox.enqueue(em, req)];
    });
    expect(results).toEqual([{ queued: true }, { queued: false, reason: 'duplicate' }]);
    expect(await enqueue(req)).toEqual({ queued: false, reason: 'duplicate' });
    expect(await t.db.getRepository(MailJob).countBy({ idempotencyKey: `notice:${req.key}` })).toBe(1);
    const before = mailTo('emma@example.test').length;
    await dispatch();
    expect(await enqueue(req)).toEqual({ queued: false, reason: 'duplicate' });
    await dispatch();
    const due = mailTo('emma@example.test').slice(before);
    expect(due.map((m) => m.parsed.subject)).toEqual(['Task reminder: Kirjoita ohje']);
    expect(due[0].parsed.text).toContain('The task is due in 7 days.');
  });

  it('leaves no row and no token when the transaction that enqueued rolls back', async () => {
    const tokens = await t.db.getRepository(AccessToken).count();
    const req = minutesFor('anna', { key: 'rolled-back' });
    await expect(
      t.db.transaction(async (em) => {
        expect(await t.app.get(NoticeOutbox).enqueue(em, req)).toEqual({ queued: true });
        throw new Error('the minutes could not be published');
      }),
    ).rejects.toThrow('the minutes could not be published');
    expect(await jobByKey('rolled-back')).toBeNull();
    expect(await t.db.getRepository(AccessToken).count()).toBe(tokens);
    // The key is free again: the change can be retried.
    expect(await enqueue(req)).toEqual({ queued: true });
  });

  it('refuses incomplete data inside the transaction, so the change does not commit', async () => {
    const data = { ...minutes } as Partial<NoticeData['minutes-published']>;
    delete data.url;
    await expect(
      enqueue({ ...minutesFor('anna'), key: 'broken', data: data as NoticeData['minutes-published'] }),
    ).rejects.toThrow(/notice\.url is missing/);
    expect(await jobByKey('broken')).toBeNull();
  });

  it('renders in the language the recipient has when the mail is sent', async () => {
    const req = minutesFor('emma', { key: 'language-change' });
    expect(await enqueue(req)).toEqual({ queued: true });
    await t.db.getRepository(Person).update({ id: people.emma }, { preferredLanguage: 'fi' });
    const before = mailTo('emma@example.test').length;
    await dispatch();
    expect(mailTo('emma@example.test').slice(before)[0].parsed.subject).toMatch(/^Pöytäkirja: /);
    await t.db.getRepository(Person).update({ id: people.emma }, { preferredLanguage: 'en' });
  });

  it('lists notices about a meeting with its invitations', async () => {
    const res = await api.get(`/api/v1/meetings/${meetingId}/invitations`).expect(200);
    const erik = res.body.invitations.find((i: { personId: string }) => i.personId === people.erik);
    expect(erik.deliveries.map((d: { kind: string; status: string }) => [d.kind, d.status])).toEqual([
      ['invitation', 'sent'],
      ['minutes-published', 'sent'],
    ]);
  });

  it('stops notices after a click on the unsubscribe link, also those already queued', async () => {
    const queued = minutesFor('anna', { key: 'queued-before-unsubscribe' });
    expect(await enqueue(queued)).toEqual({ queued: true });
    const mail = mailTo('anna@example.test')[0];
    const url = (mail.parsed.text ?? '').match(/http:\/\/kierto\.test\/unsubscribe\/[\w-]+/)?.[0] as string;
    // The mail client's RFC 8058 one-click POST (List-Unsubscribe-Post).
    await request(t.http).post(pathOf(url)).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const before = mailTo('anna@example.test').length;
    await dispatch();
    expect(mailTo('anna@example.test')).toHaveLength(before);
    expect(await jobByKey('queued-before-unsubscribe')).toMatchObject({
      status: 'superseded',
      lastError: 'the recipient may no longer be emailed (unsubscribed)',
    });
    expect(await enqueue(minutesFor('anna', { key: 'after-unsubscribe' }))).toEqual({
      queued: false,
      reason: 'unsubscribed',
    });
  });
});
