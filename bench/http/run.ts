/**
 * `npm run bench:http`: builds the national data set in an embedded PostgreSQL, starts the api and
 * the floor (bench/http/floor.ts: the same SQL through raw `pg`, bare `node:http`), and loads each
 * read with 32 keep-alive connections against both, interleaved round by round. Writes
 * bench/results/http.json and the table in docs/performance.md.
 *
 *   npm run bench:http -- [--scale 1] [--seconds 5] [--rounds 3] [--connections 32] [--only meetings,search]
 *
 * `--scale 0.1` and `--scale 10` are the growth runs (series, people, action items and proposals
 * times the factor); they write bench/results/http-scale-<f>.json and their own doc section.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FinnishAnalyzer } from '@kierto/search/finnish-analyzer';
import { explainIndexes } from './explain';
import { load, LoadResult } from './load';
import { NATIONAL, scaled, seedNational } from './national-data';
import {
  arg,
  machine,
  median,
  ROOT,
  rssMb,
  rssSampler,
  startChild,
  startDatabase,
  writeDocSection,
  writeResult,
} from './system';

interface Case {
  name: string;
  kierto: { path: string; headers: Record<string, string> };
  floor: { path: string; headers: Record<string, string> };
}

async function main() {
  const factor = Number(arg('scale', '1'));
  const seconds = Number(arg('seconds', '5'));
  const rounds = Number(arg('rounds', '3'));
  const connections = Number(arg('connections', '32'));
  const only = arg('only', '').split(',').filter(Boolean);
  const scale = factor === 1 ? NATIONAL : scaled(factor);

  const log = (s: string) => process.stdout.write(`${s}\n`);
  const db = await startDatabase();
  const children: { stop(): Promise<void> }[] = [];
  try {
    let t0 = performance.now();
    const data = await seedNational(db.pool, scale, { analyzer: new FinnishAnalyzer(), seed: 14 });
    const seedSeconds = (performance.now() - t0) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(data.counts)}`);

    if (!process.argv.includes('--no-explain')) {
      const one = async (sql: string) =>
        Object.values(((await db.pool.query(sql)).rows[0] ?? {}) as object)[0] as string;
      const now = new Date();
      const explained = await explainIndexes(db.pool, {
        seriesId: data.series[0].id,
        meetingId: await one(`SELECT meeting_id FROM action_item GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`),
        unitId: data.series[0].unitIds[0],
        personId: await one(`SELECT assignee_id FROM action_item WHERE assignee_id IS NOT NULL LIMIT 1`),
        now: now.toISOString(),
        today: now.toISOString().slice(0, 10),
        inWeek: new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10),
      });
      await writeDocSection(factor === 1 ? 'bench:explain' : `bench:explain:scale-${factor}`, explained);
      log('index plans written to docs/performance.md');
    }

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kierto-bench-data-'));
    children.push({ stop: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })) });
    const env = {
      DATABASE_URL: db.url,
      DEMO: 'off',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
    };
    t0 = performance.now();
    const profile = process.argv.includes('--profile');
    const api = await startChild(profile ? 'bench/http/profiled.ts' : 'apps/api/src/main.ts', env, {
      health: '/health',
    });
    children.push(api);
    const apiStartMs = performance.now() - t0;
    log(`api healthy in ${(apiStartMs / 1000).toFixed(1)} s`);
    const floor = await startChild('bench/http/floor.ts', { DATABASE_URL: db.url }, 'message');
    children.push(floor);

    const s = data.series[0];
    const bearer = { authorization: s.coordinator.auth };
    const cookie = (session: string) => ({ cookie: `kierto_session=${session}` });
    const cases: Case[] = [
      {
        name: 'GET /api/v1/series/{id}/meetings',
        kierto: { path: `/api/v1/series/${s.id}/meetings`, headers: bearer },
        floor: { path: `/meetings?series=${s.id}`, headers: bearer },
      },
      {
        name: 'GET /api/v1/meetings/{id}',
        kierto: { path: `/api/v1/meetings/${s.nextMeetingId}`, headers: bearer },
        floor: { path: `/meeting?id=${s.nextMeetingId}`, headers: bearer },
      },
      {
        name: 'GET /api/v1/series/{id}/minutes (archive)',
        kierto: { path: `/api/v1/series/${s.id}/minutes`, headers: bearer },
        floor: { path: `/minutes?series=${s.id}`, headers: bearer },
      },
      {
        name: 'GET /api/v1/series/{id}/action-items (open)',
        kierto: { path: `/api/v1/series/${s.id}/action-items?open=true`, headers: bearer },
        floor: { path: `/actions?series=${s.id}`, headers: bearer },
      },
      {
        name: 'GET /api/v1/search?q=korvaushoito',
        kierto: { path: `/api/v1/search?q=korvaushoito`, headers: bearer },
        floor: { path: `/search?q=korvaushoito`, headers: bearer },
      },
      {
        name: 'GET /api/v1/series/{id}/you-said-we-did',
        kierto: { path: `/api/v1/series/${s.id}/you-said-we-did`, headers: bearer },
        floor: { path: `/feedback?series=${s.id}`, headers: bearer },
      },
      {
        name: 'dashboard `/`, a regional coordinator',
        kierto: { path: '/', headers: cookie(s.coordinator.session) },
        floor: { path: '/dashboard', headers: cookie(s.coordinator.session) },
      },
      {
        name: 'unit page',
        kierto: { path: `/units/${s.unitIds[0]}`, headers: cookie(s.coordinator.session) },
        floor: { path: `/unit?unit=${s.unitIds[0]}`, headers: cookie(s.coordinator.session) },
      },
      {
        name: `dashboard \`/\`, a coordinator of all ${data.series.length} series`,
        kierto: { path: '/', headers: cookie(data.national.session) },
        floor: { path: '/dashboard', headers: cookie(data.national.session) },
      },
    ].filter((c) => only.length === 0 || only.some((o) => c.name.includes(o)));

    // Warm-up: every route once and a second of light load, so the JIT and caches are not measured.
    for (const c of cases) {
      for (const [side, port] of [
        [c.kierto, api.port],
        [c.floor, floor.port],
      ] as const) {
        const r = await load({ port, ...side }, 4, 1);
        if (r.errors)
          throw new Error(`${c.name} (${port === api.port ? 'Kierto' : 'floor'}): ${r.firstError}`);
      }
    }
    await new Promise((r) => setTimeout(r, 3000));
    const idleRss = rssMb(api.process.pid);
    const rss = rssSampler(api.process.pid);

    const runs = new Map<string, { kierto: LoadResult[]; floor: LoadResult[]; rss: number[] }>();
    for (let round = 1; round <= rounds; round++) {
      for (const c of cases) {
        rss.reset();
        const k = await load({ port: api.port, ...c.kierto }, connections, seconds);
        const peak = rss.peak();
        const f = await load({ port: floor.port, ...c.floor }, connections, seconds);
        const entry = runs.get(c.name) ?? { kierto: [], floor: [], rss: [] };
        entry.kierto.push(k);
        entry.floor.push(f);
        entry.rss.push(peak);
        runs.set(c.name, entry);
        log(
          `round ${round} ${c.name}: Kierto ${k.rps.toFixed(1)}/s p99 ${k.p99.toFixed(0)} ms` +
            ` (${k.errors} errors), floor ${f.rps.toFixed(1)}/s p99 ${f.p99.toFixed(0)} ms, api RSS ${peak} MB`,
        );
      }
    }
    rss.stop();
    if (profile) {
      const file = path.join(
        ROOT,
        'bench/results',
        `api${factor === 1 ? '' : `-scale-${factor}`}.cpuprofile`,
      );
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await new Promise((r) => {
        api.process.once('message', r);
        api.process.send(`profile:${file}`);
      });
      log(`CPU profile of the api under the load: ${path.relative(ROOT, file)}`);
    }
    await new Promise((r) => setTimeout(r, 10_000));
    const afterRss = rssMb(api.process.pid);

    const results = cases.map((c) => {
      const r = runs.get(c.name)!;
      const rps = median(r.kierto.map((x) => x.rps));
      const floorRps = median(r.floor.map((x) => x.rps));
      return {
        name: c.name,
        kierto: {
          rps,
          p50: median(r.kierto.map((x) => x.p50)),
          p99: median(r.kierto.map((x) => x.p99)),
          errors: r.kierto.reduce((a, x) => a + x.errors, 0),
          bytes: r.kierto[0]?.bytes ?? 0,
        },
        floor: {
          rps: floorRps,
          p50: median(r.floor.map((x) => x.p50)),
          p99: median(r.floor.map((x) => x.p99)),
          errors: r.floor.reduce((a, x) => a + x.errors, 0),
        },
        ratio: rps / floorRps,
        peakRssMb: Math.max(...r.rss),
        rounds: r,
      };
    });
    const result = {
      machine: machine(),
      settings: { scale, factor, seconds, rounds, connections, logLevel: env.LOG_LEVEL },
      counts: data.counts,
      seedSeconds,
      apiStartSeconds: apiStartMs / 1000,
      idleRssMb: idleRss,
      peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
      afterRssMb: afterRss,
      results: results.map(({ rounds: _r, ...rest }) => rest),
      rounds: Object.fromEntries(results.map((r) => [r.name, r.rounds])),
    };
    const suffix = factor === 1 ? '' : `-scale-${factor}`;
    writeResult(`http${suffix}.json`, result);

    const n = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
    const table = [
      `Run ${result.machine.date.slice(0, 16).replace('T', ' ')} UTC, ${result.machine.cpus} cores (load average before the run ${result.machine.loadAverage.join(' / ')}), Node ${result.machine.node}; ` +
        `${connections} connections, ${rounds} interleaved rounds of ${seconds} s per endpoint and side; ` +
        `data: ${Object.entries(data.counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}.`,
      '',
      '| read | Kierto req/s | floor req/s | ratio | Kierto p50 | Kierto p99 | floor p99 | api peak RSS |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...results.map(
        (r) =>
          `| ${r.name} | ${n(r.kierto.rps, 1)} | ${n(r.floor.rps, 1)} | ${n(r.ratio, 2)} | ${n(r.kierto.p50)} ms | ${n(r.kierto.p99)} ms | ${n(r.floor.p99)} ms | ${r.peakRssMb} MB |`,
      ),
      '',
      `api RSS: ${idleRss} MB idle before the load, ${result.peakRssMb} MB peak, ${afterRss} MB 10 s after it. ` +
        `The api answered /health ${(apiStartMs / 1000).toFixed(1)} s after it was started on the seeded database; the seed took ${seedSeconds.toFixed(0)} s.` +
        (results.some((r) => r.kierto.errors) ? ' Some Kierto requests failed: see bench/results.' : ''),
    ].join('\n');
    await writeDocSection(factor === 1 ? 'bench:http' : `bench:http:scale-${factor}`, table);
    log('\n' + table);
  } finally {
    for (const c of children.reverse()) await c.stop();
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
