import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { MailJob } from '@kierto/mail';
import { Person, SeriesMembership } from '@kierto/network';
import { createTestApp, startSmtpSink, TestApp } from '@kierto/testing';
import { report } from './report';

const ROOT = path.join(__dirname, '..', '..');

/** The real worker process (`apps/worker/src/main.ts`) on the test app's database. */
function startWorker(t: TestApp, env: Record<string, string>): ChildProcess {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kierto-worker-'));
  return spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: t.config.DATABASE_URL,
      DATA_DIR: dataDir,
      DEMO: 'off',
      LOG_LEVEL: 'silent',
      WORKER_POLL_SECONDS: '1',
      ...env,
    },
    stdio: 'ignore',
  });
}

async function stopWorker(worker: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((r) => worker.once('exit', r));
  worker.kill(signal);
  await exited;
}

async function until(what: string, check: () => Promise<boolean> | boolean, seconds: number) {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${seconds} s waiting for ${what}`);
}

/** A series with one unit and `members` staff members with addresses, and its next meeting. */
async function meetingWith(t: TestApp, members: number) {
  const { auth } = await t.coordinator();
  const api = (m: 'post' | 'put', p: string, body: object = {}) =>
    request(t.http)[m](p).set('Authorization', auth).send(body);
  const series = await api('post', '/api/v1/series', {
    name: `Fan-out ${members}`,
    cadenceMonths: 1,
    dayRule: { nth: 2, weekday: 2 },
    startTime: '14:00',
    durationMinutes: 120,
  }).expect(201);
  const unit = await api('post', '/api/v1/units', { name: 'Yksikkö', streetAddress: 'Katu 1' }).expect(201);
  await api('put', `/api/v1/series/${series.body.id}/rotation`, { unitIds: [unit.body.id] }).expect(200);
  const repo = t.db.getRepository(Person);
  const people = await repo.save(
    Array.from({ length: members }, (_, i) =>
      repo.create({
        displayName: `Henkilö ${i}`,
        email: `p${i}@fanout.test`,
        emailNormalized: `p${i}@fanout.test`,
        kind: 'staff',
        preferredLanguage: 'fi',
      }),
    ),
    { chunk: 500 },
  );
  await t.db
    .getRepository(SeriesMembership)
    .insert(people.map((p) => ({ seriesId: series.body.id, personId: p.id, active: true })));
  // The coordinator is a member of their series too; here they take no part, so the counts are the members'.
  await t.db.query(
    `UPDATE series_membership SET active = false
      WHERE series_id = $1 AND person_id IN (SELECT person_id FROM series_coordinator WHERE series_id = $1)`,
    [series.body.id],
  );
  const meeting = await api('post', `/api/v1/series/${series.body.id}/meetings/next`).expect(201);
  return {
    meetingId: meeting.body.id as string,
    confirm: () => api('post', `/api/v1/meetings/${meeting.body.id}/confirm`),
  };
}

async function outboxCounts(t: TestApp): Promise<Record<string, number>> {
  const rows: { status: string; n: string }[] = await t.db.query(
    `SELECT status, count(*) AS n FROM mail_job GROUP BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

describe('mail fan-out under faults (reliability)', () => {
  it('a 2,000-person invitation survives killing the worker mid-send: everyone gets it, copies only of what was in flight', async () => {
    const sink = await startSmtpSink();
    const t = await createTestApp({ SMTP_URL: sink.url });
    const workers: ChildProcess[] = [];
    try {
      const { confirm } = await meetingWith(t, 2000);
      const started = Date.now();
      await confirm().expect(200);
      const confirmMs = Date.now() - started;
      expect(await t.db.getRepository(MailJob).count()).toBe(2000);

      const env = { SMTP_URL: sink.url, MAIL_LEASE_SECONDS: '5' };
      workers.push(startWorker(t, env));
      await until('the first 400 messages', () => sink.received.length >= 400, 120);
      await stopWorker(workers[0], 'SIGKILL');
      const atKill = await outboxCounts(t);
      const receivedAtKill = sink.received.length;
      expect(receivedAtKill).toBeLessThan(2000);

      workers.push(startWorker(t, env));
      await until(
        'the outbox to drain',
        async () => {
          const c = await outboxCounts(t);
          return !c.queued && !c.retrying && !c.sending;
        },
        240,
      );
      const after = await outboxCounts(t);
      expect(after).toEqual({ sent: 2000 });

      const perAddress = new Map<string, number>();
      for (const m of sink.received) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
      expect(perAddress.size).toBe(2000);
      const copies = sink.received.length - 2000;
      // At least once: a message accepted by SMTP but not yet marked sent when the worker died goes out
      // again; those are at most the rows the dead worker held.
      expect(copies).toBeLessThanOrEqual(atKill.sending ?? 0);
      // A copy carries the same Message-ID, so mail software drops it.
      const ids = new Map<string, Set<string>>();
      for (const m of sink.received) {
        const set = ids.get(m.to) ?? new Set<string>();
        set.add(String(m.parsed.messageId));
        ids.set(m.to, set);
      }
      expect([...ids.values()].every((s) => s.size === 1)).toBe(true);
      report('worker killed during a 2,000-person fan-out', {
        confirmMs,
        receivedBeforeKill: receivedAtKill,
        heldByDeadWorker: atKill.sending ?? 0,
        delivered: perAddress.size,
        copies,
        lost: 2000 - perAddress.size,
      });
    } finally {
      for (const w of workers) await stopWorker(w);
      await t.close();
      await sink.close();
    }
  }, 400_000);

  it('a 60-second SMTP outage delays the invitations and loses none', async () => {
    // Reserve a port, then close it: for the first 60 s nothing listens there (connection refused).
    const probe = await startSmtpSink();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const url = `smtp://127.0.0.1:${port}`;
    const t = await createTestApp({ SMTP_URL: url });
    let worker: ChildProcess | undefined;
    let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
    try {
      const { confirm } = await meetingWith(t, 200);
      await confirm().expect(200);
      worker = startWorker(t, { SMTP_URL: url, MAIL_RETRY_BASE_SECONDS: '2' });
      const outageStart = Date.now();
      await until(
        'every message to have failed once',
        async () => (await outboxCounts(t)).retrying === 200,
        60,
      );
      await new Promise((r) => setTimeout(r, Math.max(0, 60_000 - (Date.now() - outageStart))));
      const duringOutage = await outboxCounts(t);
      expect(duringOutage.sent ?? 0).toBe(0);
      expect(duringOutage.failed ?? 0).toBe(0);

      sink = await startSmtpSink({}, port);
      const back = Date.now();
      await until('the outbox to drain', async () => (await outboxCounts(t)).sent === 200, 180);
      const drainMs = Date.now() - back;
      const perAddress = new Map<string, number>();
      for (const m of sink.received) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
      expect(perAddress.size).toBe(200);
      expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
      const [{ max }] = await t.db.query(`SELECT max(attempts) AS max FROM mail_job`);
      expect(Number(max)).toBeGreaterThan(1);
      report('60 s SMTP outage (connection refused), 200 invitations', {
        delivered: perAddress.size,
        lost: 200 - perAddress.size,
        copies: sink.received.length - 200,
        maxAttempts: Number(max),
        drainAfterRecoveryMs: drainMs,
      });
    } finally {
      if (worker) await stopWorker(worker);
      await t.close();
      await sink?.close();
    }
  }, 400_000);
});
