import request from 'supertest';
import { MailDispatcher, MailJob, ReminderService } from '@kierto/mail';
import { Person, SeriesMembership } from '@kierto/network';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { calendarOf } from '@kierto/testing';

async function network(t: TestApp, auth: string, members: number) {
  const api = (m: 'post' | 'put', p: string, body: object = {}) =>
    request(t.http)[m](p).set('Authorization', auth).send(body);
  const series = await api('post', '/api/v1/series', {
    name: `Series ${members}`,
    cadenceMonths: 1,
    dayRule: { nth: 2, weekday: 2 },
    startTime: '14:00',
    durationMinutes: 120,
  }).expect(201);
  const unit = await api('post', '/api/v1/units', {
    name: `Unit ${members}`,
    streetAddress: 'Street 1',
  }).expect(201);
  await api('put', `/api/v1/series/${series.body.id}/rotation`, { unitIds: [unit.body.id] }).expect(200);
  // Many members at once, straight into the database: the API for one person is tested elsewhere.
  const people = await t.db.getRepository(Person).save(
    Array.from({ length: members }, (_, i) =>
      t.db.getRepository(Person).create({
        displayName: `Person ${i}`,
        email: `p${i}-${members}@example.test`,
        emailNormalized: `p${i}-${members}@example.test`,
        kind: 'staff',
        preferredLanguage: (['fi', 'sv', 'en'] as const)[i % 3],
      }),
    ),
  );
  await t.db
    .getRepository(SeriesMembership)
    .insert(people.map((p) => ({ seriesId: series.body.id, personId: p.id, active: true })));
  return { seriesId: series.body.id as string, api };
}

/** Runs the dispatcher until nothing is queued or waiting for a retry. */
async function drain(t: TestApp) {
  const dispatcher = t.app.get(MailDispatcher);
  for (let round = 0; round < 60; round++) {
    await dispatcher.dispatchDue(new Date(), 100);
    const pending = await t.db
      .getRepository(MailJob)
      .createQueryBuilder('j')
      .where("j.status IN ('queued', 'retrying', 'sending')")
      .getCount();
    if (pending === 0) return round;
  }
  throw new Error('the outbox did not drain');
}

describe('mail delivery under faults (e2e)', () => {
  it('gets exactly one accepted invitation per person and sequence through 451s and dropped connections', async () => {
    // Every third message is refused with 451; every fifth RCPT drops the connection.
    const sink = await startSmtpSink({
      onData: (n) => (n % 3 === 0 ? 451 : undefined),
      dropAtRcpt: (n) => n % 5 === 0,
    });
    const t = await createTestApp({ SMTP_URL: sink.url, MAIL_RETRY_BASE_SECONDS: '0' });
    try {
      const { auth } = await t.coordinator();
      const { seriesId, api } = await network(t, auth, 30);
      const meeting = await api('post', `/api/v1/series/${seriesId}/meetings/next`).expect(201);
      await api('post', `/api/v1/meetings/${meeting.body.id}/confirm`).expect(200);
      await drain(t);
      await request(t.http)
        .patch(`/api/v1/meetings/${meeting.body.id}`)
        .set('Authorization', auth)
        .send({ startTime: '16:00' })
        .expect(200);
      await drain(t);

      const byPersonAndSequence = new Map<string, number>();
      for (const m of sink.received) {
        const seq = calendarOf(m.parsed).event.sequence;
        const key = `${m.to}#${seq}`;
        byPersonAndSequence.set(key, (byPersonAndSequence.get(key) ?? 0) + 1);
      }
      // 30 members and the coordinator (a member of their own meetings), two sequences each.
      expect(byPersonAndSequence.size).toBe(62);
      expect([...byPersonAndSequence.values()].every((n) => n === 1)).toBe(true);

      const status = await request(t.http)
        .get(`/api/v1/meetings/${meeting.body.id}/invitations`)
        .set('Authorization', auth)
        .expect(200);
      const retried = status.body.invitations.filter((i: { neededRetries: boolean }) => i.neededRetries);
      expect(retried.length).toBeGreaterThan(0);
      expect(retried[0].deliveries.some((d: { lastError: string | null }) => d.lastError)).toBe(true);
      expect(
        status.body.invitations.every((i: { deliveries: { status: string }[] }) =>
          i.deliveries.every((d) => d.status === 'sent'),
        ),
      ).toBe(true);
    } finally {
      await t.close();
      await sink.close();
    }
  });

  it('records a permanent 550 as failed with its reason and does not retry it', async () => {
    const sink = await startSmtpSink({ onData: () => 550 });
    const t = await createTestApp({ SMTP_URL: sink.url, MAIL_RETRY_BASE_SECONDS: '0' });
    try {
      const { auth } = await t.coordinator();
      const { seriesId, api } = await network(t, auth, 2);
      const meeting = await api('post', `/api/v1/series/${seriesId}/meetings/next`).expect(201);
      await api('post', `/api/v1/meetings/${meeting.body.id}/confirm`).expect(200);
      await drain(t);
      const jobs = await t.db.getRepository(MailJob).find();
      // The two members and the coordinator.
      expect(jobs.map((j) => [j.status, j.attempts])).toEqual([
        ['failed', 1],
        ['failed', 1],
        ['failed', 1],
      ]);
      expect(jobs[0].lastError).toMatch(/^550/);
    } finally {
      await t.close();
      await sink.close();
    }
  });

  it('sends a meeting with 500 invitees completely, and each reminder once', async () => {
    const sink = await startSmtpSink();
    const t = await createTestApp({ SMTP_URL: sink.url });
    try {
      const { auth } = await t.coordinator();
      const { seriesId, api } = await network(t, auth, 500);
      const meeting = await api('post', `/api/v1/series/${seriesId}/meetings/next`).expect(201);
      await api('post', `/api/v1/meetings/${meeting.body.id}/confirm`).expect(200);
      await drain(t);
      // 500 members and the coordinator.
      expect(new Set(sink.received.map((m) => m.to)).size).toBe(501);
      expect(sink.received).toHaveLength(501);

      // Seven days before: the 7-day reminder, once, even when two workers run it at the same time.
      const startsAt = new Date(meeting.body.startsAt);
      const reminders = t.app.get(ReminderService);
      const weekBefore = new Date(startsAt.getTime() - 7 * 86_400_000 + 3_600_000);
      const [a, b] = await Promise.all([reminders.enqueueDue(weekBefore), reminders.enqueueDue(weekBefore)]);
      expect(a + b).toBe(501);
      expect(await reminders.enqueueDue(weekBefore)).toBe(0);
      const queued = await t.db.getRepository(MailJob).count({ where: { kind: 'reminder' } });
      expect(queued).toBe(501);
    } finally {
      await t.close();
      await sink.close();
    }
  });
});
