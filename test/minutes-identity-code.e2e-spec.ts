import request from 'supertest';
import { MailJob } from '@kierto/mail';
import { Minutes, PRIVACY_KEYS } from '@kierto/minutes';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { csrfOf, loginPathOf, waitForMail } from './browser/web-fixtures';

/**
 * A Finnish identity code in the minutes blocks circulating, approving and publishing (409 naming the
 * item and the finding) even with the checklist ticked; nothing is written. Phone numbers and names
 * stay warnings the checklist answers.
 */
describe('identity codes block the minutes (e2e)', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let auth: string;
  let meetingId: string;
  let minutesId: string;
  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    send: (method: 'post' | 'put' | 'patch', p: string, body: object = {}) =>
      request(t.http)[method](p).set('Authorization', auth).send(body),
  };
  const items = (third: string) => [
    { title: 'Avaus', notes: 'Kokous avattiin.', decisions: '' },
    { title: 'Seulat', notes: 'Soittakaa 040 123 4567, jos kysyttävää.', decisions: '' },
    { title: 'Muut asiat', notes: third, decisions: 'Ei päätöksiä.' },
  ];
  const state = async () => t.db.getRepository(Minutes).findOneByOrFail({ id: minutesId });
  const notices = () => t.db.getRepository(MailJob).countBy({ kind: 'minutes-published' });

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url });
    auth = (await t.coordinator('coord@example.test')).auth;
    const seriesId = (
      await api
        .send('post', '/api/v1/series', {
          name: 'Sarja',
          cadenceMonths: 1,
          dayRule: { nth: 1, weekday: 3 },
          startTime: '10:00',
          durationMinutes: 90,
        })
        .expect(201)
    ).body.id;
    const unitId = (
      await api.send('post', '/api/v1/units', { name: 'Yksikkö', streetAddress: 'Tie 1' }).expect(201)
    ).body.id;
    const staff = (
      await api
        .send('post', '/api/v1/people', { displayName: 'Anna', kind: 'staff', email: 'anna@example.test' })
        .expect(201)
    ).body.id;
    await api.send('put', `/api/v1/series/${seriesId}/members/${staff}`).expect(200);
    await api.send('put', `/api/v1/series/${seriesId}/rotation`, { unitIds: [unitId] }).expect(200);
    meetingId = (await api.send('post', `/api/v1/series/${seriesId}/meetings/next`).expect(201)).body.id;
    await api.send('post', `/api/v1/meetings/${meetingId}/confirm`).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  /** The coordinator's browser, logged in through the emailed link. */
  async function browser() {
    const agent = request.agent(t.http);
    const form = (await agent.get('/login').expect(200)).text;
    await agent
      .post('/login')
      .type('form')
      .send({ email: 'coord@example.test', _csrf: csrfOf(form) })
      .expect(200);
    const [mail] = await waitForMail(sink.received, 'coord@example.test');
    const link = loginPathOf(mail);
    const landing = (await agent.get(link).expect(200)).text;
    await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(landing) })
      .expect(303);
    return agent;
  }

  it('refuses to circulate or approve minutes holding 131052-308T, even with the checklist ticked', async () => {
    const saved = await api
      .send('put', `/api/v1/meetings/${meetingId}/minutes`, {
        items: items('Asiakkaan tunnus 131052-308T kirjattiin vahingossa.'),
        privacyChecked: PRIVACY_KEYS,
      })
      .expect(201);
    minutesId = saved.body.id;
    expect(saved.body.warnings).toEqual(
      expect.arrayContaining([
        { item: 2, field: 'notes', match: '131052-308T', reason: 'identity-code', blocking: true },
        { item: 1, field: 'notes', match: '040 123 4567', reason: 'phone-number', blocking: false },
      ]),
    );
    const before = await state();
    for (const step of ['circulate', 'approve']) {
      const res = await api.send('post', `/api/v1/minutes/${minutesId}/${step}`).expect(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        message: expect.stringContaining('items[2].notes'),
        errors: [{ field: 'items[2].notes', reasons: ['identity-code'] }],
      });
      expect(JSON.stringify(res.body)).not.toContain('131052-308T');
      const after = await state();
      expect(after).toMatchObject({ status: 'draft', circulatedAt: null, approvedAt: null });
      expect(after.updatedAt).toEqual(before.updatedAt);
    }
  });

  it('the meeting page says so next to the item, and refuses the step in words', async () => {
    const agent = await browser();
    const page = (await agent.get(`/meetings/${meetingId}`).expect(200)).text;
    expect(page).toMatch(/id='warn-n2'>\s*<li>“131052-308T” on henkilötunnus: poista se\./);
    expect(page).toMatch(/id='warn-n1'>\s*<li>“040 123 4567” näyttää puhelinnumerolta/);
    const refused = await agent
      .post(`/meetings/${meetingId}/minutes`)
      .type('form')
      .send({ _csrf: csrfOf(page), step: 'circulate', privacy: PRIVACY_KEYS })
      .expect(409);
    expect(refused.text).toContain('Muistiossa on henkilötunnus. Poista se merkitystä kohdasta ja tallenna.');
    expect((await state()).status).toBe('draft');
  });

  it('takes the minutes on once the code is removed; the phone number stays a warning', async () => {
    await api
      .send('patch', `/api/v1/minutes/${minutesId}`, { items: items('Tunnus poistettiin.') })
      .expect(200);
    const res = await api.send('post', `/api/v1/minutes/${minutesId}/approve`).expect(200);
    expect(res.body.status).toBe('approved');
    expect(res.body.warnings).toEqual([
      { item: 1, field: 'notes', match: '040 123 4567', reason: 'phone-number', blocking: false },
    ]);
  });

  it('refuses to publish approved minutes holding a code (approved before the rule), and sends nothing', async () => {
    // Minutes approved before codes blocked approval: written straight into the database.
    const m = await state();
    m.items = items('Henkilötunnus 010190+123M jäi tekstiin.').map((i) => ({ ...i, agendaItemId: null }));
    await t.db.getRepository(Minutes).save(m);
    const before = await notices();
    const res = await api.send('post', `/api/v1/minutes/${minutesId}/publish`).expect(409);
    expect(res.body.errors).toEqual([{ field: 'items[2].notes', reasons: ['identity-code'] }]);
    expect(await state()).toMatchObject({ status: 'approved', publishedAt: null });
    expect(await notices()).toBe(before);

    // Such minutes may be edited to remove the code; then they publish and the email goes out.
    await api.send('patch', `/api/v1/minutes/${minutesId}`, { items: items('Poistettu.') }).expect(200);
    await api.send('post', `/api/v1/minutes/${minutesId}/publish`).expect(200);
    expect(await notices()).toBe(before + 1);
    await api.send('patch', `/api/v1/minutes/${minutesId}`, { items: items('Muutos') }).expect(409);
  });
});
