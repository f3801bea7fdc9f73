import request from 'supertest';
import { ReceivedMail, TestApp } from '@kierto/testing';

export interface WebNetwork {
  seriesId: string;
  meetingId: string;
  people: Record<'anna' | 'erik' | 'tiina', string>;
}

/**
 * A series with two host units, three members and a proposed (draft) next meeting, made over the
 * coordinators' REST API (once per test database: unit names are unique). Anna is staff (fi), Erik staff (sv), Tiina a service user with consent.
 */
export async function createWebNetwork(t: TestApp, auth: string, name = 'Kiertävä kokous, Vantaa') {
  const api = {
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
  };
  const series = await api
    .post('/api/v1/series', {
      name,
      cadenceMonths: 2,
      dayRule: { nth: 2, weekday: 2 },
      startTime: '14:00',
      durationMinutes: 120,
    })
    .expect(201);
  const seriesId: string = series.body.id;
  const units: string[] = [];
  for (const [unit, address] of [
    ['A-klinikka', 'Hämeentie 1, Helsinki'],
    ['Sovatek', 'Kauppakatu 2, Jyväskylä'],
  ]) {
    units.push((await api.post('/api/v1/units', { name: unit, streetAddress: address }).expect(201)).body.id);
  }
  await api.put(`/api/v1/series/${seriesId}/rotation`, { unitIds: units }).expect(200);
  const people = {} as WebNetwork['people'];
  const member = async (key: keyof WebNetwork['people'], body: object) => {
    people[key] = (await api.post('/api/v1/people', body).expect(201)).body.id;
    await api.put(`/api/v1/series/${seriesId}/members/${people[key]}`).expect(200);
  };
  const tag = seriesId.slice(0, 8);
  await member('anna', { displayName: 'Anna', kind: 'staff', email: `anna-${tag}@example.test` });
  await member('erik', {
    displayName: 'Erik',
    kind: 'staff',
    email: `erik-${tag}@example.test`,
    preferredLanguage: 'sv',
  });
  await member('tiina', {
    displayName: 'Tiina',
    kind: 'service_user',
    email: `tiina-${tag}@example.test`,
    emailConsent: { givenOn: '2026-11-01', method: 'written' },
  });
  const meeting = await api.post(`/api/v1/series/${seriesId}/meetings/next`).expect(201);
  return {
    seriesId,
    meetingId: meeting.body.id as string,
    people,
    emails: {
      anna: `anna-${tag}@example.test`,
      erik: `erik-${tag}@example.test`,
      tiina: `tiina-${tag}@example.test`,
    },
  };
}

/** Waits until `count` messages to `to` have arrived (the login email goes out after the answer). */
export async function waitForMail(
  received: ReceivedMail[],
  to: string,
  count = 1,
  timeoutMs = 10_000,
): Promise<ReceivedMail[]> {
  const started = Date.now();
  for (;;) {
    const mails = received.filter((m) => m.to === to);
    if (mails.length >= count) return mails;
    if (Date.now() - started > timeoutMs)
      throw new Error(`Only ${mails.length} of ${count} messages to ${to}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The path of the login link in a login email (`/login/<43 characters>`). */
export function loginPathOf(mail: ReceivedMail): string {
  const match = /\/login\/[A-Za-z0-9_-]{43}/.exec(String(mail.parsed.text));
  if (!match) throw new Error('No login link in the message');
  return match[0];
}

/** The CSRF token of the (first) form on a page. */
export function csrfOf(html: string): string {
  const match = /name=['"]_csrf['"] value=['"]([A-Za-z0-9_-]+)['"]/.exec(html);
  if (!match) throw new Error('No CSRF field on the page');
  return match[1];
}
