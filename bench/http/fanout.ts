/**
 * `npm run bench:fanout`: confirming a meeting of about 2,000 members over the API, and sending it:
 * the real worker process through a local SMTP server, against raw pooled nodemailer sending the same
 * number of messages of the same size over the same number of connections (3, as SMTP_URL's pool),
 * (html, text and calendar parts as Kierto's message), round by round. Writes bench/results/fanout.json and the table in docs/performance.md.
 *
 *   npm run bench:fanout -- [--rounds 3] [--members 2000]
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { seedNational } from './national-data';
import {
  arg,
  machine,
  median,
  ROOT,
  rssSampler,
  startChild,
  startDatabase,
  writeDocSection,
  writeResult,
} from './system';

const CONNECTIONS = 3;

/** A local SMTP server that only counts (and keeps the first message, for the raw baseline). */
async function startSink() {
  const times: number[] = [];
  let first: Buffer | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 64,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        if (!first) chunks.push(c);
      });
      stream.on('end', () => {
        if (!first) first = Buffer.concat(chunks);
        times.push(performance.now());
        callback();
      });
    },
  });
  // The worker's pooled connections are reset when it stops: not an error of the run.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    times,
    first: () => first,
    reset: () => (times.length = 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function post(port: number, p: string, auth: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: p,
        method: 'POST',
        headers: { authorization: auth, 'content-length': 0 },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function until(check: () => boolean | Promise<boolean>, seconds: number, what: string) {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${seconds} s waiting for ${what}`);
}

async function main() {
  const rounds = Number(arg('rounds', '3'));
  const members = Number(arg('members', '2000'));
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const db = await startDatabase();
  const sink = await startSink();
  const children: { stop(): Promise<void> }[] = [];
  try {
    // One series per round, each of about `members` members (a tenth are in two series).
    const data = await seedNational(
      db.pool,
      {
        series: rounds,
        unitsPerSeries: 4,
        people: Math.round((rounds * members) / (rounds > 1 ? 1.1 : 1)),
        meetingsPerSeries: 4,
        agendaItemsPerMeeting: 8,
        actionItems: 20 * rounds,
        proposals: 10 * rounds,
      },
      { seed: 2000 },
    );
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kierto-fanout-'));
    children.push({ stop: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })) });
    const env = {
      DATABASE_URL: db.url,
      DEMO: 'off',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      WORKER_POLL_SECONDS: '1',
    };
    const api = await startChild('apps/api/src/main.ts', env, { health: '/health' });
    children.push(api);
    const profile = process.argv.includes('--profile');
    const worker = await startChild(
      profile ? 'bench/http/profiled.ts' : 'apps/worker/src/main.ts',
      { ...env, PORT: '0', KIERTO_PROFILE_ENTRY: 'apps/worker/src/main.ts' },
      'none',
    );
    children.push(worker);
    const rss = rssSampler(worker.process.pid);

    const results: {
      members: number;
      messages: number;
      confirmMs: number;
      kierto: { seconds: number; perSecond: number; workerPeakRssMb: number };
      raw: { seconds: number; perSecond: number };
      ratio: number;
    }[] = [];
    for (let round = 0; round < rounds; round++) {
      const s = data.series[round];
      const [{ n: expected }] = (
        await db.pool.query(
          `SELECT count(*)::int AS n FROM series_membership m JOIN person p ON p.id = m.person_id
            WHERE m.series_id = $1 AND m.active AND m.unsubscribed_at IS NULL AND p.email IS NOT NULL
              AND (p.kind <> 'service_user' OR p.email_consent_at IS NOT NULL)`,
          [s.id],
        )
      ).rows as { n: number }[];
      sink.reset();
      rss.reset();
      const confirm = await post(
        api.port,
        `/api/v1/meetings/${s.draftMeetingId}/confirm`,
        s.coordinator.auth,
      );
      if (confirm.status !== 200) throw new Error(`confirm answered ${confirm.status}`);
      await until(() => sink.times.length >= expected, 900, `${expected} messages`);
      const kierto = (sink.times[sink.times.length - 1] - sink.times[0]) / 1000;
      const workerPeak = rss.peak();

      // The baseline: the same number of messages with the same parts (html, text, calendar), built and
      // sent by nodemailer alone over a pool of 3 connections: no database, no templates.
      const parsed = await simpleParser(sink.first() as Buffer);
      const calendar = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      sink.reset();
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: CONNECTIONS,
        maxMessages: 100,
      });
      await Promise.all(
        Array.from({ length: expected }, (_, i) =>
          transport.sendMail({
            from: 'kierto@localhost.localdomain',
            to: `p${i}@fanout.invalid`,
            subject: parsed.subject,
            text: parsed.text,
            html: parsed.html || undefined,
            icalEvent: calendar
              ? { method: 'REQUEST', content: calendar.content.toString('utf8') }
              : undefined,
          }),
        ),
      );
      transport.close();
      const rawSeconds = (sink.times[sink.times.length - 1] - sink.times[0]) / 1000;
      const r = {
        members: s.memberIds.length,
        messages: expected,
        confirmMs: confirm.ms,
        kierto: { seconds: kierto, perSecond: expected / kierto, workerPeakRssMb: workerPeak },
        raw: { seconds: rawSeconds, perSecond: expected / rawSeconds },
        ratio: rawSeconds / kierto,
      };
      results.push(r);
      log(
        `round ${round + 1}: confirm ${members} members ${r.confirmMs.toFixed(0)} ms; ${expected} messages: ` +
          `Kierto ${r.kierto.perSecond.toFixed(0)}/s, raw nodemailer ${r.raw.perSecond.toFixed(0)}/s (ratio ${r.ratio.toFixed(2)}), worker RSS ${workerPeak} MB`,
      );
    }
    rss.stop();
    if (profile) {
      const file = path.join(ROOT, 'bench/results/worker-fanout.cpuprofile');
      await new Promise((r) => {
        worker.process.once('message', r);
        worker.process.send(`profile:${file}`);
      });
      log(`CPU profile of the worker: ${path.relative(ROOT, file)}`);
    }
    const m = (f: (r: (typeof results)[number]) => number) => median(results.map(f));
    const summary = {
      machine: machine(),
      settings: { rounds, members, connections: CONNECTIONS },
      confirmMs: m((r) => r.confirmMs),
      kiertoPerSecond: m((r) => r.kierto.perSecond),
      rawPerSecond: m((r) => r.raw.perSecond),
      ratio: m((r) => r.ratio),
      workerPeakRssMb: Math.max(...results.map((r) => r.kierto.workerPeakRssMb)),
      results,
    };
    writeResult('fanout.json', summary);
    const table = [
      `Run ${summary.machine.date.slice(0, 16).replace('T', ' ')} UTC, ${summary.machine.cpus} cores (load average before ${summary.machine.loadAverage.join(' / ')}), Node ${summary.machine.node}; ${rounds} rounds, a local SMTP server that only counts, ${CONNECTIONS} SMTP connections on both sides.`,
      '',
      '| round | members | messages | confirm | Kierto messages/s | raw nodemailer messages/s | ratio | worker peak RSS |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...results.map(
        (r, i) =>
          `| ${i + 1} | ${r.members} | ${r.messages} | ${(r.confirmMs / 1000).toFixed(2)} s | ${r.kierto.perSecond.toFixed(0)} | ${r.raw.perSecond.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.kierto.workerPeakRssMb} MB |`,
      ),
      `| median | | | ${(summary.confirmMs / 1000).toFixed(2)} s | ${summary.kiertoPerSecond.toFixed(0)} | ${summary.rawPerSecond.toFixed(0)} | ${summary.ratio.toFixed(2)} | |`,
    ].join('\n');
    await writeDocSection('bench:fanout', table);
    log('\n' + table);
  } finally {
    for (const c of children.reverse()) await c.stop();
    await sink.close();
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
