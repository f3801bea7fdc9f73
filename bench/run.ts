/**
 * Micro-benchmark of the pure scheduling library `@kierto/rotation`, and of the Finnish analysis that
 * search indexing does in Node (`@kierto/search`, Voikko through koffi when installed).
 *
 * Every case is reported as a ratio against a baseline measured in the same process and run, so the
 * headline numbers compare across machines; absolute ops/s are printed too but depend on the hardware.
 * Run with `npm run bench`. Results go to bench/results/latest.{json,md}. Never assert on timings in tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chooseNextHost,
  DayRule,
  finnishPublicHolidays,
  HostRecord,
  LocalDate,
  proposeMeetingDate,
  YearMonth,
  RotationUnit,
} from '@kierto/rotation';
import { FinnishAnalyzer, tokenize } from '@kierto/search/finnish-analyzer';

/** Defeats dead-code elimination: every benchmarked call feeds a value into this. */
let sink = 0;

interface Case {
  name: string;
  description: string;
  /** One operation. Returns a number that goes to the sink. */
  op: () => number;
}

interface Result {
  name: string;
  description: string;
  /** Median nanoseconds per operation over the measured runs. */
  nsPerOp: number;
  opsPerSec: number;
  /** nsPerOp / baseline nsPerOp: 1 = as fast as the baseline, 10 = ten times slower. */
  ratio: number;
  /** Spread of the runs: (slowest - fastest) / median of the per-run ns/op. */
  spread: number;
  iterationsPerRun: number;
}

const WARMUP_MS = 200;
const RUNS = 9;
const RUN_TARGET_MS = 60;

function nowNs(): bigint {
  return process.hrtime.bigint();
}

function timeIterations(op: () => number, iterations: number): number {
  const start = nowNs();
  for (let i = 0; i < iterations; i++) sink += op();
  return Number(nowNs() - start);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Warms up the case and picks an iteration count so that one run takes about RUN_TARGET_MS. */
function calibrate(op: () => number): number {
  // Warm-up: let the JIT optimise the code path, doubling the batch until WARMUP_MS is spent.
  let iterations = 1;
  let spentNs = 0;
  let lastNs = 0;
  while (spentNs < WARMUP_MS * 1e6) {
    lastNs = timeIterations(op, iterations);
    spentNs += lastNs;
    if (lastNs < (RUN_TARGET_MS * 1e6) / 4) iterations *= 2;
  }
  const perOp = Math.max(lastNs / iterations, 1);
  return Math.max(1, Math.round((RUN_TARGET_MS * 1e6) / perOp));
}

// ---------------------------------------------------------------------------------------------------------
// Fixtures

const UNIT_COUNT = 8;
const units: RotationUnit[] = Array.from({ length: UNIT_COUNT }, (_, i) => ({
  id: `unit-${i + 1}`,
  active: true,
}));

/** A realistic history: round-robin with an occasional skipped unit, oldest first. */
function makeHistory(length: number): HostRecord[] {
  const history: HostRecord[] = [];
  for (let i = 0; i < length; i++) {
    const index = i % 7 === 6 ? (i + 1) % UNIT_COUNT : i % UNIT_COUNT;
    history.push({ unitId: units[index].id });
  }
  return history;
}

/** Unit 3 is unavailable, so the chooser also has to work out skipped and owed units. */
const isAvailable = (unitId: string): boolean => unitId !== 'unit-3';

const roundRobinHistory = makeHistory(10);

function chooseCase(length: number): Case {
  const history = makeHistory(length);
  return {
    name: `chooseNextHost, history ${length}`,
    description: `chooseNextHost with ${UNIT_COUNT} units and ${length} history records`,
    op: () => {
      const r = chooseNextHost({ units, history, isAvailable });
      return r.kind === 'host' ? r.unitId.length + r.owed.length : 0;
    },
  };
}

const rule: DayRule = { nth: 2, weekday: 2 }; // second Tuesday
const PROPOSALS = 120;
const start: LocalDate = { year: 2026, month: 1, day: 1 };

/** Proposes PROPOSALS consecutive monthly meetings, each after the previous one. */
function proposeSeries(isHoliday: (d: LocalDate) => boolean): number {
  let previous: { cycle: YearMonth; date: LocalDate } | null = null;
  let moved = 0;
  for (let i = 0; i < PROPOSALS; i++) {
    const p = proposeMeetingDate({ previous, earliest: start, cadenceMonths: 1, rule, isHoliday });
    moved += p.movedForHoliday.length;
    previous = { cycle: p.cycle, date: p.date };
  }
  return moved + (previous ? previous.date.day : 0);
}

// The holiday predicate caches each year's holidays. One predicate is created up front (as the app does
// for its lifetime), so the steady-state case measures date proposals with a warm holiday cache; the
// cold case creates a fresh predicate per series and so includes computing ten years of holidays.
const warmHolidays = finnishPublicHolidays();

// Search indexing: the Finnish analysis of one agenda item's minutes (about 120 words), the work done in
// Node when minutes are published. The warm case is the steady state (the analyzer caches words); the
// cold one calls Voikko for every word (cache size 0), as for a text full of words never seen before.
const MINUTES_TEXT = `Keskusteltiin seulontakäytännöistä eri yksiköissä. Korvaushoidossa olevat palvelun käyttäjät
kertoivat, että seulonnoista ilmoitetaan usein vasta samana aamuna. Henkilöstö kertoi, että käytännöt
vaihtelevat terveysasemien välillä. Sovittiin, että seulojen aikataulu kerrotaan viikkoa etukäteen kaikissa
yksiköissä ja että asiaan palataan seuraavassa kokouksessa. Lisäksi käsiteltiin lomaoikeuksia ja
kotiannoksia: loma-aikojen kotiannoksista toivottiin selkeämpää ohjetta. Kokemusasiantuntijat ehdottivat,
että ohje laaditaan yhdessä palvelun käyttäjien kanssa. Jonottaminen lääkkeenjakoon koettiin raskaaksi
aamuisin; ajanvarausta lääkkeenjakoon selvitetään. Päätettiin, että yksiköt kertovat muutoksista
ilmoitustaululla ja että kokousten muistiot julkaistaan kahden viikon kuluessa.`;
const minutesWords = tokenize(MINUTES_TEXT);
const warmAnalyzer = new FinnishAnalyzer();
const coldAnalyzer = new FinnishAnalyzer({ cacheSize: 0 });
const lexemeCount = (analyzer: FinnishAnalyzer) => () =>
  tokenize(MINUTES_TEXT).reduce((n, t) => n + analyzer.indexLexemes(t.text).length, 0);

/** The baseline every ratio is relative to: the smallest realistic chooseNextHost call. */
const baseline: Case = chooseCase(10);

const cases: Case[] = [
  {
    name: 'reference: round-robin',
    description: `trivial round-robin units[history.length % units.length] (${UNIT_COUNT} units); a floor, not a target`,
    op: () => units[roundRobinHistory.length % units.length].id.length,
  },
  baseline,
  chooseCase(100),
  chooseCase(1000),
  chooseCase(10000),
  {
    name: `proposeMeetingDate x${PROPOSALS}, no holidays`,
    description: `${PROPOSALS} consecutive monthly proposals (10 years) with a never-holiday predicate`,
    op: () => proposeSeries(() => false),
  },
  {
    name: `proposeMeetingDate x${PROPOSALS}, FI holidays`,
    description: `${PROPOSALS} consecutive monthly proposals (10 years) with finnishPublicHolidays(), cache filled`,
    op: () => proposeSeries(warmHolidays),
  },
  {
    name: `proposeMeetingDate x${PROPOSALS}, FI holidays cold`,
    description: `${PROPOSALS} consecutive monthly proposals with a fresh finnishPublicHolidays() (computes 10 years of holidays)`,
    op: () => proposeSeries(finnishPublicHolidays()),
  },
  {
    name: `tokenize minutes (${minutesWords.length} words)`,
    description: `splitting one agenda item's minutes (${minutesWords.length} words) into words: a floor for the analysis`,
    op: () => tokenize(MINUTES_TEXT).length,
  },
  {
    name: `index lexemes, warm cache (${minutesWords.length} words)`,
    description: `FinnishAnalyzer.indexLexemes for every word, words cached (steady state; ${warmAnalyzer.available ? 'Voikko' : 'no Voikko: lower-cased words'})`,
    op: lexemeCount(warmAnalyzer),
  },
  ...(coldAnalyzer.available
    ? [
        {
          name: `index lexemes, Voikko every word (${minutesWords.length} words)`,
          description:
            'FinnishAnalyzer.indexLexemes with cache size 0: one Voikko analysis per word through koffi',
          op: lexemeCount(coldAnalyzer),
        },
      ]
    : []),
];

// ---------------------------------------------------------------------------------------------------------
// Run

function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatRatio(r: number): string {
  return r >= 100
    ? `${formatNumber(r)}x`
    : r >= 10
      ? `${r.toFixed(1)}x`
      : r >= 0.1
        ? `${r.toFixed(2)}x`
        : `${r.toFixed(4)}x`;
}

function main(): void {
  const began = Date.now();
  // Warm up and calibrate every case first, then run the cases interleaved (round 1 of every case, round 2
  // of every case, ...) so that drift during the run (CPU boost, thermal, GC) hits all cases alike.
  const iterations = cases.map((c) => calibrate(c.op));
  const runs: number[][] = cases.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    cases.forEach((c, i) => runs[i].push(timeIterations(c.op, iterations[i]) / iterations[i]));
  }
  const baselineNs = median(runs[cases.indexOf(baseline)]);

  const results: Result[] = cases.map((c, i) => {
    const nsPerOp = median(runs[i]);
    return {
      name: c.name,
      description: c.description,
      nsPerOp,
      opsPerSec: 1e9 / nsPerOp,
      ratio: nsPerOp / baselineNs,
      spread: (Math.max(...runs[i]) - Math.min(...runs[i])) / nsPerOp,
      iterationsPerRun: iterations[i],
    };
  });

  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    baseline: baseline.name,
    runs: RUNS,
    warmupMs: WARMUP_MS,
    runTargetMs: RUN_TARGET_MS,
    durationMs: Date.now() - began,
  };

  const header = ['case', 'ratio vs baseline', 'ops/s', 'ns/op', 'spread'];
  const rows = results.map((r) => [
    r.name,
    formatRatio(r.ratio),
    formatNumber(r.opsPerSec),
    formatNumber(r.nsPerOp, r.nsPerOp < 100 ? 1 : 0),
    `${(r.spread * 100).toFixed(0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n@kierto/rotation benchmark (${meta.node}, ${meta.platform}, ${meta.date})`);
  console.log(
    `Median of ${RUNS} runs after warm-up; ratio = ns/op divided by the baseline's ns/op (${baseline.name}).\n`,
  );
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log(`\nTook ${(meta.durationMs / 1000).toFixed(1)} s. (sink ${sink > 0 ? 'ok' : 'empty'})`);

  const outDir = join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify({ ...meta, results }, null, 2) + '\n');
  const md = [
    '# @kierto/rotation benchmark',
    '',
    `- Date: ${meta.date}`,
    `- Node: ${meta.node} (${meta.platform})`,
    `- Baseline (ratio 1.00x): ${baseline.description}`,
    `- Method: warm-up, then ${RUNS} interleaved runs of ~${RUN_TARGET_MS} ms per case; median (\`process.hrtime.bigint()\`)`,
    '',
    'The ratio is the headline: ns/op of the case divided by ns/op of the baseline measured in the same',
    'process (higher = slower). ops/s and ns/op are absolute and depend on the machine. Spread is',
    '(slowest run - fastest run) / median.',
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...results.map((r) => `- **${r.name}**: ${r.description}`),
    '',
  ].join('\n');
  writeFileSync(join(outDir, 'latest.md'), md);
  console.log(
    `Wrote ${join('bench', 'results', 'latest.json')} and ${join('bench', 'results', 'latest.md')}`,
  );
}

main();
