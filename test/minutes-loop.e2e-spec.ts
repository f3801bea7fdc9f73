import request from 'supertest';
import { MailDispatcher } from '@kierto/mail';
import { ActionItemService } from '@kierto/minutes';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';

/**
 * The whole loop of issue 4 over HTTP: proposals (named and anonymous) → agenda → minutes drafted,
 * circulated, approved, published → action items with owners → the next meeting's agenda holds the
 * open items → an item closed with its outcome shows on "you said, we did" and its proposer is emailed.
 */
describe('agenda, minutes, action items and "you said, we did" (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let auth: string;
  let seriesId: string;
  const unit: Record<string, string> = {};
  const people: Record<string, string> = {};
  let meeting1: string;
  let meeting2: string;
  let minutesId: string;
  let proposalItemId: string;
  let actionId: string;
  let namedProposal: string;
  let anonymousProposal: string;

  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
  };
  const dispatch = () => t.app.get(MailDispatcher).dispatchDue(new Date(), 200);
  const mailTo = (address: string) => sink.received.filter((m) => m.to === address);
  const CHECKLIST = [
    'no-treatment-details',
    'no-absent-people',
    'service-users-named-with-consent',
    'no-identifiers',
  ];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'kokous@kierto.example',
      PUBLIC_URL: 'http://kierto.test',
    });
    auth = (await t.coordinator('koordinaattori@example.test', 'Kaisa Koordinaattori')).auth;
    seriesId = (
      await api
        .post('/api/v1/series', {
          name: 'Kiertävä kokous, Vantaa',
          cadenceMonths: 1,
          dayRule: { nth: 2, weekday: 2 },
          startTime: '14:00',
          durationMinutes: 120,
        })
        .expect(201)
    ).body.id;
    for (const [key, name, contact] of [
      ['a', 'A-klinikka Tikkurila', 'a-klinikka@example.test'],
      ['b', 'Sovatek Myyrmäki', 'toimisto@sovatek.example'],
    ] as const) {
      unit[key] = (
        await api
          .post('/api/v1/units', { name, streetAddress: `${name}katu 1, Vantaa`, contactEmail: contact })
          .expect(201)
      ).body.id;
    }
    await api.put(`/api/v1/series/${seriesId}/rotation`, { unitIds: [unit.a, unit.b] }).expect(200);
    const member = async (key: string, body: object) => {
      people[key] = (await api.post('/api/v1/people', body).expect(201)).body.id;
      await api.put(`/api/v1/series/${seriesId}/members/${people[key]}`).expect(200);
    };
    await member('aino', {
      displayName: 'Aino Ahonen',
      kind: 'staff',
      email: 'aino@example.test',
      homeUnitId: unit.a,
    });
    await member('a-contact', {
      displayName: 'A-klinikan toimisto',
      kind: 'staff',
      email: 'A-klinikka@example.test',
      homeUnitId: unit.a,
    });
    await member('bertta', {
      displayName: 'Bertta Berg',
      kind: 'staff',
      email: 'bertta@example.test',
      homeUnitId: unit.b,
    });
    await member('erik', {
      displayName: 'Erik',
      kind: 'service_user',
      email: 'erik@example.test',
      preferredLanguage: 'sv',
      emailConsent: { givenOn: '2026-11-01', method: 'written' },
    });
    await member('jussi', { displayName: 'Jussi', kind: 'service_user' });
    for (const title of ['Seulakäytännöt', 'Lomaoikeudet ja kotiannokset']) {
      await api.post(`/api/v1/series/${seriesId}/standing-topics`, { title, timeBoxMinutes: 20 }).expect(201);
    }
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('starts a new meeting with the standing topics and the review item', async () => {
    meeting1 = (await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(201)).body.id;
    const agenda = await api.get(`/api/v1/meetings/${meeting1}/agenda`).expect(200);
    expect(agenda.body.items.map((i: { kind: string; title: string }) => [i.kind, i.title])).toEqual([
      ['standing', 'Seulakäytännöt'],
      ['standing', 'Lomaoikeudet ja kotiannokset'],
      ['review', 'Avoimien jatkotoimenpiteiden läpikäynti'],
    ]);
    await api.post(`/api/v1/meetings/${meeting1}/confirm`).expect(200);
    await dispatch();
    // The invitation lists the agenda as it stands.
    const invitation = mailTo('aino@example.test').find((m) => /^Kutsu/.test(m.parsed.subject ?? ''));
    expect(invitation?.parsed.text).toContain('Seulakäytännöt');
    expect(invitation?.parsed.text).toContain('Avoimien jatkotoimenpiteiden läpikäynti');
    // The same personal link opens the person's own pages (propose a topic, read the minutes).
    const home = /http:\/\/kierto\.test(\/p\/[\w-]+)/.exec(invitation?.parsed.text ?? '');
    expect(home).not.toBeNull();
    const page = await request(t.http).get(home![1]).redirects(2);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kiertävä kokous, Vantaa');
  });

  it('takes proposals by name and anonymously; the anonymous one keeps no identity', async () => {
    namedProposal = (
      await api
        .post(`/api/v1/series/${seriesId}/proposals`, {
          title: 'Jonottaminen lääkkeenjakoon',
          description: 'Jono on pitkä aamulla.',
          proposerId: people.erik,
          notifyProposer: true,
        })
        .expect(201)
    ).body.id;
    const link = await api.get(`/api/v1/series/${seriesId}/proposal-link`).expect(200);
    expect(link.body.proposalUrl).toMatch(/^http:\/\/kierto\.test\/s\/[\w-]{16,}$/);
    const key = new URL(link.body.proposalUrl).pathname.split('/')[2];
    // The key was made with the series; reading the links changes nothing.
    const [row] = await t.db.query(`SELECT proposal_key FROM series WHERE id = $1`, [seriesId]);
    expect(row.proposal_key).toBe(key);
    expect((await api.get(`/api/v1/series/${seriesId}/proposal-link`).expect(200)).body).toEqual(link.body);
    const anon = await request(t.http)
      .post(`/api/v1/public/proposals/${key}`)
      .send({ title: 'Seulonnan aikataulu', description: 'Seulonnasta kerrotaan liian myöhään.' })
      .expect(201);
    anonymousProposal = anon.body.id;
    expect(Object.keys(anon.body).sort()).toEqual(['id', 'status']);

    const list = await api.get(`/api/v1/series/${seriesId}/proposals?status=pending`).expect(200);
    const byId = new Map(list.body.items.map((p: { id: string }) => [p.id, p]));
    expect(byId.get(anonymousProposal)).toMatchObject({
      anonymous: true,
      proposerId: null,
      notifyProposer: false,
    });
    expect(byId.get(namedProposal)).toMatchObject({ anonymous: false, proposerId: people.erik });

    // Both wait under the review item of the coming meeting.
    const agenda = await api.get(`/api/v1/meetings/${meeting1}/agenda`).expect(200);
    expect(
      agenda.body.items
        .filter((i: { kind: string }) => i.kind === 'carried-proposal')
        .map((i: { proposalId: string }) => i.proposalId)
        .sort(),
    ).toEqual([namedProposal, anonymousProposal].sort());

    // Bad input: a clear 400 naming the field; a made-up key is a 404.
    const bad = await request(t.http).post(`/api/v1/public/proposals/${key}`).send({ title: '' }).expect(400);
    expect(bad.body.errors[0].field).toBe('title');
    await request(t.http)
      .post('/api/v1/public/proposals/not-a-real-key-000000')
      .send({ title: 'Hei kaikki' })
      .expect(404);
  });

  it('accepts a proposal onto the agenda and tells its proposer; a decline needs a reason', async () => {
    const accepted = await api.post(`/api/v1/proposals/${namedProposal}/accept`).expect(200);
    expect(accepted.body.status).toBe('accepted');
    proposalItemId = accepted.body.agendaItemId;
    const agenda = await api.get(`/api/v1/meetings/${meeting1}/agenda`).expect(200);
    const kinds = agenda.body.items.map((i: { kind: string; title: string }) => `${i.kind}:${i.title}`);
    expect(kinds).toContain('proposal:Jonottaminen lääkkeenjakoon');
    expect(kinds).not.toContain('carried-proposal:Jonottaminen lääkkeenjakoon');

    const noReason = await api.post(`/api/v1/proposals/${anonymousProposal}/decline`, {}).expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    await api.post(`/api/v1/proposals/${namedProposal}/decline`, { reason: 'Jo käsitelty' }).expect(409);

    await dispatch();
    const told = mailTo('erik@example.test').filter((m) =>
      m.parsed.text?.includes('Jonottaminen lääkkeenjakoon'),
    );
    expect(told).toHaveLength(1);
    expect(told[0].parsed.html).toContain('Jonottaminen lääkkeenjakoon');
  });

  it('drafts minutes from the agenda, warns about treatment details, and needs the privacy checklist', async () => {
    t.clock.current = new Date('2027-01-20T10:00:00Z'); // after the first meeting
    const created = await api.put(`/api/v1/meetings/${meeting1}/minutes`, {}).expect(201);
    minutesId = created.body.id;
    expect(created.body.status).toBe('draft');
    expect(created.body.items.map((i: { title: string }) => i.title)).toEqual(
      expect.arrayContaining(['Seulakäytännöt', 'Jonottaminen lääkkeenjakoon']),
    );
    const items = created.body.items.map((i: { agendaItemId: string; title: string }) =>
      i.title === 'Seulakäytännöt'
        ? {
            ...i,
            notes: 'Seulontakäytännöt vaihtelevat yksiköittäin. Erik sai 40 mg metadonia.',
            decisions: 'Seulojen aikataulu kerrotaan viikkoa ennen.',
          }
        : i.title === 'Jonottaminen lääkkeenjakoon'
          ? { ...i, notes: 'Jonotus on pitkä aamuisin.', decisions: 'Selvitetään ajanvaraus lääkkeenjakoon.' }
          : { ...i, notes: '', decisions: '' },
    );
    const saved = await api
      .put(`/api/v1/meetings/${meeting1}/minutes`, {
        items,
        attendance: {
          present: [
            { personId: people.aino },
            { personId: people.bertta },
            { personId: people.erik, agreedToBeNamed: false },
          ],
          unnamedServiceUsers: 2,
        },
      })
      .expect(200);
    expect(saved.body.attendance.staff.map((s: { name: string }) => s.name).sort()).toEqual([
      'Aino Ahonen',
      'Bertta Berg',
    ]);
    expect(saved.body.attendance.namedServiceUsers).toEqual([]);
    expect(saved.body.attendance.serviceUserCount).toBe(3);
    expect(saved.body.warnings.map((w: { reason: string }) => w.reason).sort()).toEqual(
      ['dose', 'medicine', 'service-user-name'].sort(),
    );

    const refused = await api.post(`/api/v1/minutes/${minutesId}/circulate`).expect(400);
    expect(refused.body.errors[0].field).toBe('privacyChecked');

    const clean = items.map((i: { title: string; notes: string }) =>
      i.title === 'Seulakäytännöt' ? { ...i, notes: 'Seulontakäytännöt vaihtelevat yksiköittäin.' } : i,
    );
    const fixed = await api
      .patch(`/api/v1/minutes/${minutesId}`, { items: clean, privacyChecked: CHECKLIST })
      .expect(200);
    expect(fixed.body.warnings).toEqual([]);
    const circulated = await api.post(`/api/v1/minutes/${minutesId}/circulate`).expect(200);
    expect(circulated.body.status).toBe('circulated');
    await api.post(`/api/v1/minutes/${minutesId}/comments`, { body: 'Kohta 1 on hyvä.' }).expect(201);
    const comments = await api.get(`/api/v1/minutes/${minutesId}/comments`).expect(200);
    expect(comments.body.map((c: { body: string }) => c.body)).toEqual(['Kohta 1 on hyvä.']);
  });

  it('raises action items with owner units, who get an email', async () => {
    const bad = await api
      .post(`/api/v1/agenda-items/${proposalItemId}/action-items`, {
        title: 'Ajanvaraus',
        ownerUnitId: unit.b,
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('raisedBy');
    const created = await api
      .post(`/api/v1/agenda-items/${proposalItemId}/action-items`, {
        title: 'Selvitetään ajanvaraus lääkkeenjakoon',
        ownerUnitId: unit.b,
        assigneeId: people.bertta,
        dueDate: '2027-02-05',
        raisedBy: { kind: 'service_user', personId: people.erik },
        notifyRaiser: true,
      })
      .expect(201);
    actionId = created.body.id;
    expect(created.body).toMatchObject({
      status: 'open',
      ownerUnitName: 'Sovatek Myyrmäki',
      forServiceUsers: true,
    });
    await dispatch();
    const assigned = mailTo('bertta@example.test').filter((m) =>
      m.parsed.text?.includes('Selvitetään ajanvaraus lääkkeenjakoon'),
    );
    expect(assigned).toHaveLength(1);
    expect(assigned[0].parsed.text).toContain('Sovatek Myyrmäki');
    // The unit's contact address is an office mailbox, no person in Kierto: it is told too, in the
    // series' language, without an unsubscribe link (there is no membership to record it on).
    const office = mailTo('toimisto@sovatek.example').filter((m) =>
      m.parsed.text?.includes('Selvitetään ajanvaraus lääkkeenjakoon'),
    );
    expect(office).toHaveLength(1);
    expect(office[0].parsed.headers.has('list-unsubscribe')).toBe(false);
    expect(office[0].parsed.text).toContain('Hei Sovatek Myyrmäki');
  });

  it('on approval carries the open items and pending proposals to the next meeting, which already exists, and emails its host', async () => {
    meeting2 = (await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(201)).body.id;
    const m2 = await api.get(`/api/v1/meetings/${meeting2}`).expect(200);
    // The circulated minutes wait for approval: the next agenda starts with approving them.
    const before = await api.get(`/api/v1/meetings/${meeting2}/agenda`).expect(200);
    expect(before.body.items[0]).toMatchObject({
      kind: 'previous-minutes',
      title: 'Edellisen kokouksen muistion hyväksyminen',
    });
    // A second item raised after the next meeting exists must still reach its agenda.
    const late = await api
      .post(`/api/v1/agenda-items/${proposalItemId}/action-items`, {
        title: 'Seulontojen aikataulu kaikkiin yksiköihin',
        ownerUnitId: unit.a,
        raisedBy: { kind: 'meeting' },
      })
      .expect(201);
    await api.post(`/api/v1/minutes/${minutesId}/approve`, { by: 'coordinator' }).expect(200);
    const agenda = await api.get(`/api/v1/meetings/${meeting2}/agenda`).expect(200);
    // Approved by the coordinator before the next meeting: that item is gone.
    expect(agenda.body.items.map((i: { kind: string }) => i.kind)).not.toContain('previous-minutes');
    const review = agenda.body.items.find((i: { kind: string }) => i.kind === 'review');
    const under = agenda.body.items.filter((i: { parentId: string }) => i.parentId === review.id);
    expect(
      under
        .filter((i: { kind: string }) => i.kind === 'carried-action')
        .map((i: { actionItemId: string }) => i.actionItemId)
        .sort(),
    ).toEqual([actionId, late.body.id].sort());
    expect(
      under
        .filter((i: { kind: string }) => i.kind === 'carried-proposal')
        .map((i: { proposalId: string }) => i.proposalId),
    ).toEqual([anonymousProposal]);

    await dispatch();
    const hostContacts =
      m2.body.host.id === unit.b
        ? ['bertta@example.test', 'toimisto@sovatek.example']
        : ['aino@example.test', 'a-klinikka@example.test'];
    for (const address of hostContacts) {
      const handover = mailTo(address).find(
        (m) =>
          m.parsed.text?.includes('Selvitetään ajanvaraus lääkkeenjakoon') &&
          m.parsed.text?.includes('Seulonnan aikataulu'),
      );
      expect(handover).toBeDefined();
    }
  });

  it('publishes: members get the summary and a link; published minutes are never edited in place', async () => {
    const published = await api.post(`/api/v1/minutes/${minutesId}/publish`).expect(200);
    expect(published.body.status).toBe('published');
    await api.patch(`/api/v1/minutes/${minutesId}`, { items: [] }).expect(409);
    await api.put(`/api/v1/meetings/${meeting1}/minutes`, { items: [] }).expect(409);
    await dispatch();
    const aino = mailTo('aino@example.test').find((m) =>
      m.parsed.text?.includes('Seulojen aikataulu kerrotaan viikkoa ennen.'),
    );
    expect(aino).toBeDefined();
    const link = /http:\/\/kierto\.test(\/minutes\/[\w-]+\?m=[\w-]+)/.exec(aino!.parsed.text ?? '');
    expect(link).not.toBeNull();
    const page = await request(t.http).get(link![1]).expect(200);
    expect(page.text).toContain('Seulojen aikataulu kerrotaan viikkoa ennen.');
    expect(page.headers['cache-control']).toMatch(/no-store/);
    // Once sent, the outbox keeps no personal link.
    const sent = await t.db.query(
      `SELECT payload FROM mail_job WHERE kind = 'minutes-published' AND status = 'sent'`,
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(JSON.stringify(sent)).not.toContain('/minutes/');
    // Jussi (no email) gets nothing; Erik (consented) does, in Swedish.
    expect(mailTo('erik@example.test').length).toBeGreaterThan(1);
  });

  it('corrects published minutes as a new version; both stay and the change is listed', async () => {
    const correction = await api
      .post(`/api/v1/minutes/${minutesId}/corrections`, {
        note: 'Päätöksen sanamuoto korjattu.',
        items: (await api.get(`/api/v1/minutes/${minutesId}`)).body.items.map(
          (i: { title: string; decisions: string }) =>
            i.title === 'Seulakäytännöt'
              ? { ...i, decisions: 'Seulojen aikataulu kerrotaan kaksi viikkoa ennen.' }
              : i,
        ),
        privacyChecked: CHECKLIST,
      })
      .expect(201);
    expect(correction.body).toMatchObject({ version: 2, status: 'draft', correctionOfId: minutesId });
    expect(correction.body.changes).toEqual([
      {
        title: 'Seulakäytännöt',
        field: 'decisions',
        before: 'Seulojen aikataulu kerrotaan viikkoa ennen.',
        after: 'Seulojen aikataulu kerrotaan kaksi viikkoa ennen.',
      },
    ]);
    await api.post(`/api/v1/minutes/${correction.body.id}/approve`, {}).expect(200);
    await api.post(`/api/v1/minutes/${correction.body.id}/publish`).expect(200);
    const versions = await api.get(`/api/v1/meetings/${meeting1}/minutes`).expect(200);
    expect(
      versions.body.versions.map((v: { version: number; status: string; superseded: boolean }) => [
        v.version,
        v.status,
        v.superseded,
      ]),
    ).toEqual([
      [2, 'published', false],
      [1, 'published', true],
    ]);
    const original = await api.get(`/api/v1/minutes/${minutesId}`).expect(200);
    expect(original.body.items.find((i: { title: string }) => i.title === 'Seulakäytännöt').decisions).toBe(
      'Seulojen aikataulu kerrotaan viikkoa ennen.',
    );
    const archive = await api.get(`/api/v1/series/${seriesId}/minutes`).expect(200);
    expect(archive.body.items.map((e: { version: number }) => e.version)).toEqual([2]);
  });

  it('closes an item only with its public outcome; it shows on "you said, we did" and the proposer is emailed', async () => {
    const refused = await api.patch(`/api/v1/action-items/${actionId}`, { status: 'done' }).expect(400);
    expect(refused.body.errors[0].field).toBe('publicOutcome');
    await dispatch(); // the corrected minutes' email, so that only what follows is counted
    const before = mailTo('erik@example.test').length;
    const outcome = 'Lääkkeenjakoon voi nyt varata ajan, joten jonoa ei tarvita.';
    const done = await api
      .patch(`/api/v1/action-items/${actionId}`, {
        status: 'done',
        publicOutcome: outcome,
        comment: 'Otettu käyttöön.',
      })
      .expect(200);
    expect(done.body.status).toBe('done');
    expect(done.body.history.map((h: { type: string }) => h.type)).toEqual([
      'created',
      'status',
      'outcome',
      'comment',
    ]);

    const feedback = await api.get(`/api/v1/series/${seriesId}/you-said-we-did`).expect(200);
    expect(feedback.body.items[0]).toMatchObject({
      id: actionId,
      status: 'done',
      publicOutcome: outcome,
      raisedByServiceUser: true,
    });
    expect(feedback.body.noticeUrl).toMatch(/\/s\/[\w-]+\/notice$/);

    await dispatch();
    const mails = mailTo('erik@example.test').slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.text).toContain(outcome);
  });

  it("lists a unit's open action items overdue first", async () => {
    t.clock.current = new Date('2027-03-01T10:00:00Z');
    const second = await api
      .post(`/api/v1/agenda-items/${proposalItemId}/action-items`, {
        title: 'Myöhässä oleva asia',
        ownerUnitId: unit.a,
        dueDate: '2027-02-01',
        raisedBy: { kind: 'unit', unitId: unit.b },
      })
      .expect(201);
    const list = await api.get(`/api/v1/units/${unit.a}/action-items?open=true`).expect(200);
    expect(list.body.items[0]).toMatchObject({ id: second.body.id, overdue: true });
    expect(
      list.body.items.every(
        (i: { ownerUnitId: string; status: string }) => i.ownerUnitId === unit.a && i.status !== 'done',
      ),
    ).toBe(true);
  });

  it('reminds the owner unit a week before the due date, once however often the worker runs', async () => {
    const soon = await api
      .post(`/api/v1/agenda-items/${proposalItemId}/action-items`, {
        title: 'Ilmoitustaulun päivitys',
        ownerUnitId: unit.b,
        dueDate: '2027-03-05',
        raisedBy: { kind: 'meeting' },
      })
      .expect(201);
    await dispatch();
    const actions = t.app.get(ActionItemService);
    const first = await actions.enqueueDueNotices(t.clock.current);
    const again = await Promise.all([
      actions.enqueueDueNotices(t.clock.current),
      actions.enqueueDueNotices(t.clock.current),
    ]);
    expect(first).toBe(2); // Bertta (staff of the unit) and the unit's office address
    expect(again).toEqual([0, 0]);
    await dispatch();
    const due = mailTo('bertta@example.test').filter(
      (m) => m.parsed.text?.includes('Ilmoitustaulun päivitys') && /\b4\b/.test(m.parsed.text ?? ''),
    );
    expect(due).toHaveLength(1);
    expect(soon.body.dueDate).toBe('2027-03-05');
  });

  it('hides everything from a coordinator of another series', async () => {
    const other = (await t.coordinator('toinen@example.test', 'Toinen')).auth;
    for (const path of [
      `/api/v1/minutes/${minutesId}`,
      `/api/v1/meetings/${meeting1}/agenda`,
      `/api/v1/action-items/${actionId}`,
      `/api/v1/proposals/${namedProposal}`,
      `/api/v1/series/${seriesId}/you-said-we-did`,
    ]) {
      await request(t.http).get(path).set('Authorization', other).expect(404);
    }
    const found = await request(t.http)
      .get('/api/v1/search?q=seulonta')
      .set('Authorization', other)
      .expect(200);
    expect(found.body.items).toEqual([]);
    const units = await request(t.http)
      .get(`/api/v1/units/${unit.a}/action-items`)
      .set('Authorization', other)
      .expect(200);
    expect(units.body.items).toEqual([]);
  });

  it('finds minutes, agenda items and action items by Finnish word forms', async () => {
    const found = await api.get('/api/v1/search?q=seulonta').expect(200);
    expect(found.body.items.length).toBeGreaterThan(0);
    expect(found.body.items.some((h: { snippet: string }) => /<mark>/.test(h.snippet))).toBe(true);
    const kinds = new Set(found.body.items.map((h: { kind: string }) => h.kind));
    expect(kinds.has('minutes')).toBe(true);
  });
});
