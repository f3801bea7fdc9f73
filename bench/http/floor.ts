/**
 * The floor for `npm run bench:http`: the SQL each Kierto read needs, through a raw `pg` pool of the
 * api's size (20), answered as JSON by a bare `node:http` server. Run as its own process:
 * `DATABASE_URL=… PORT=… node -r @swc-node/register bench/http/floor.ts`. Every route first checks the
 * caller as Kierto does (token or session, role), in one query.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Pool } from 'pg';
import { FinnishAnalyzer } from '@kierto/search/finnish-analyzer';
import { groupsToTsquery, queryLexemeGroups, queryWords, stemUnknownWords } from '@kierto/search/text-search';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const analyzer = new FinnishAnalyzer();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const q = async <T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> =>
  (await pool.query(sql, params)).rows as T[];

/** The caller and the series they may read (coordinated or staff), from a token or a session. */
async function caller(
  req: http.IncomingMessage,
): Promise<{ id: string; series: string[]; home: string | null } | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const session = /kierto_session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  const rows = await q<{ id: string; home_unit_id: string | null; series: string[] }>(
    bearer
      ? `SELECT p.id, p.home_unit_id, ARRAY(SELECT series_id FROM series_coordinator c WHERE c.person_id = p.id) AS series
           FROM api_token t JOIN person p ON p.id = t.person_id JOIN coordinator_grant g ON g.person_id = p.id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL`
      : `WITH s AS (UPDATE web_session SET last_seen_at = now() WHERE id_hash = $1 AND expires_at > now() RETURNING person_id)
         SELECT p.id, p.home_unit_id, ARRAY(SELECT series_id FROM series_coordinator c WHERE c.person_id = p.id
                                            UNION SELECT m.series_id FROM series_membership m
                                             WHERE m.person_id = p.id AND m.active AND p.kind = 'staff') AS series
           FROM s JOIN person p ON p.id = s.person_id`,
    [sha256(bearer ?? session ?? '')],
  );
  return rows[0] ? { id: rows[0].id, series: rows[0].series, home: rows[0].home_unit_id } : null;
}

const MEETING_COLUMNS = `m.id, m.series_id, m.number, m.status, m.local_date::text, m.starts_at, m.ends_at,
  m.host_override_reason, m.rotation_note, m.ical_sequence, m.confirmed_at, m.cancelled_at, m.cancel_reason,
  u.id AS host_id, u.name AS host_name, u.street_address, u.accessibility_notes, s.timezone`;

type Route = (url: URL, me: { id: string; series: string[]; home: string | null }) => Promise<unknown>;

const ROUTES: Record<string, Route> = {
  async meetings(url) {
    const rows = await q(
      `SELECT ${MEETING_COLUMNS}, count(*) OVER () AS total
         FROM meeting m JOIN unit u ON u.id = m.host_unit_id JOIN series s ON s.id = m.series_id
        WHERE m.series_id = $1 ORDER BY m.starts_at, m.number LIMIT 50`,
      [url.searchParams.get('series')],
    );
    return { items: rows, total: Number(rows[0]?.total ?? 0), limit: 50, offset: 0 };
  },
  async meeting(url) {
    const [row] = await q(
      `SELECT ${MEETING_COLUMNS} FROM meeting m JOIN unit u ON u.id = m.host_unit_id JOIN series s ON s.id = m.series_id
        WHERE m.id = $1`,
      [url.searchParams.get('id')],
    );
    return row;
  },
  async minutes(url) {
    const rows = await q<{ items: { title: string; decisions: string }[]; total: string }>(
      `SELECT mi.id, mi.version, mi.items, mi.published_at, mt.id AS meeting_id, mt.number, mt.local_date::text,
              mt.host_unit_id, u.name AS host_name, count(*) OVER () AS total
         FROM minutes mi JOIN meeting mt ON mt.id = mi.meeting_id JOIN unit u ON u.id = mt.host_unit_id
        WHERE mi.series_id = $1 AND mi.status = 'published' AND mi.superseded_at IS NULL
        ORDER BY mt.starts_at DESC LIMIT 50`,
      [url.searchParams.get('series')],
    );
    return {
      items: rows.map(({ items, total: _total, ...r }) => ({
        ...r,
        topics: items.map((i) => i.title),
        decisions: items.filter((i) => i.decisions.trim()).map((i) => `${i.title}: ${i.decisions.trim()}`),
      })),
      total: Number(rows[0]?.total ?? 0),
    };
  },
  async actions(url) {
    const rows = await q(
      `SELECT a.*, u.name AS owner_name, p.display_name AS assignee_name, count(*) OVER () AS total
         FROM action_item a JOIN unit u ON u.id = a.owner_unit_id LEFT JOIN person p ON p.id = a.assignee_id
        WHERE a.series_id = $1 AND a.status IN ('open', 'in_progress')
        ORDER BY CASE WHEN a.due_date < $2 THEN 0 ELSE 1 END, a.due_date NULLS LAST, a.created_at LIMIT 50`,
      [url.searchParams.get('series'), new Date().toISOString().slice(0, 10)],
    );
    return { items: rows, total: Number(rows[0]?.total ?? 0) };
  },
  async search(url, me) {
    const words = queryWords(url.searchParams.get('q') ?? '');
    const groups = analyzer.available
      ? queryLexemeGroups(analyzer, words, await stemUnknownWords(pool, analyzer, words))
      : [];
    const rows = await q(
      `WITH q AS (SELECT $2::tsquery AS voikko, plainto_tsquery('finnish', $3) AS fi),
       matched AS (
         SELECT d.kind, d.ref_id, d.series_id, d.meeting_id, d.title, d.body, d.updated_at, d.id,
                CASE WHEN q.voikko IS NOT NULL AND d.lexemes IS NOT NULL THEN ts_rank_cd(d.lexemes, q.voikko, 1)
                     ELSE ts_rank_cd(d.snowball, q.fi, 1) END AS rank
           FROM search_document d CROSS JOIN q
          WHERE d.series_id = ANY($1::uuid[])
            AND (d.lexemes @@ q.voikko OR ((q.voikko IS NULL OR d.lexemes IS NULL) AND d.snowball @@ q.fi)))
       SELECT (SELECT count(*) FROM matched) AS total, p.* FROM
         (SELECT * FROM matched ORDER BY rank DESC, updated_at DESC, id LIMIT 20) p`,
      [me.series, groupsToTsquery(groups), words.join(' ')],
    );
    return { items: rows, total: Number(rows[0]?.total ?? 0) };
  },
  async feedback(url) {
    const series = url.searchParams.get('series');
    const [items, next] = await Promise.all([
      q(
        `SELECT a.id, a.title, a.status, a.public_outcome, a.raised_by_kind, m.local_date::text AS raised_on, a.updated_at
           FROM action_item a JOIN meeting m ON m.id = a.meeting_id
          WHERE a.series_id = $1 AND (a.for_service_users OR a.raised_by_kind = 'service_user')
            AND (a.closed_at IS NULL OR a.closed_at >= now() - interval '365 days')`,
        [series],
      ),
      q(
        `SELECT s.name, s.timezone, ${MEETING_COLUMNS.replace(', s.timezone', '')}
           FROM series s LEFT JOIN LATERAL (SELECT * FROM meeting WHERE series_id = s.id AND status = 'confirmed'
                                            AND starts_at > now() ORDER BY starts_at LIMIT 1) m ON true
           LEFT JOIN unit u ON u.id = m.host_unit_id WHERE s.id = $1`,
        [series],
      ),
    ]);
    return { series: next[0], items };
  },
  async dashboard(_url, me) {
    const series = me.series;
    const today = new Date().toISOString().slice(0, 10);
    const [rows, upcoming, meetings, slots, blackouts, pending] = await Promise.all([
      q(`SELECT * FROM series WHERE id = ANY($1::uuid[]) ORDER BY name`, [series]),
      q(
        `SELECT ${MEETING_COLUMNS} FROM meeting m JOIN unit u ON u.id = m.host_unit_id JOIN series s ON s.id = m.series_id
          WHERE m.series_id = ANY($1::uuid[]) AND m.status IN ('draft', 'confirmed') AND m.ends_at > now()
          ORDER BY m.starts_at`,
        [series],
      ),
      q(
        `SELECT id, series_id, number, status, local_date::text, host_unit_id, rotation_note FROM meeting
          WHERE series_id = ANY($1::uuid[]) ORDER BY starts_at, number`,
        [series],
      ),
      q(
        `SELECT r.*, u.name, u.active FROM rotation_slot r JOIN unit u ON u.id = r.unit_id
          WHERE r.series_id = ANY($1::uuid[]) ORDER BY r.position`,
        [series],
      ),
      q(
        `SELECT * FROM unit_blackout WHERE unit_id IN (SELECT unit_id FROM rotation_slot WHERE series_id = ANY($1::uuid[]))`,
        [series],
      ),
      q(
        `SELECT * FROM (SELECT p.*, row_number() OVER (PARTITION BY series_id ORDER BY created_at DESC) AS n
                          FROM topic_proposal p WHERE series_id = ANY($1::uuid[]) AND status = 'pending') x
          WHERE n <= 50`,
        [series],
      ),
    ]);
    const health = (meetings as { id: string; series_id: string; local_date: string }[])
      .filter((m) => m.local_date <= today)
      .reduce(
        (acc, m) => acc.set(m.series_id, [...(acc.get(m.series_id) ?? []), m.id].slice(-12)),
        new Map<string, string[]>(),
      );
    const healthIds = [...health.values()].flat();
    const nextIds = (upcoming as { id: string; status: string }[])
      .filter((m) => m.status === 'confirmed')
      .map((m) => m.id);
    const [actions, minutes, progress] = await Promise.all([
      q(
        `SELECT a.*, u.name AS owner_name FROM action_item a JOIN unit u ON u.id = a.owner_unit_id
          WHERE a.series_id = ANY($1::uuid[])
            AND ((a.status IN ('open', 'in_progress') AND a.due_date < $2) OR a.meeting_id = ANY($3::uuid[]))`,
        [series, today, healthIds],
      ),
      q(
        `SELECT DISTINCT ON (meeting_id) meeting_id, attendance->'serviceUserCount' AS n FROM minutes
          WHERE meeting_id = ANY($1::uuid[]) ORDER BY meeting_id, version DESC`,
        [healthIds],
      ),
      q(
        `SELECT i.meeting_id, p.kind, coalesce(i.answer, 'none') AS answer, count(*)::int AS n
           FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.meeting_id = ANY($1::uuid[])
          GROUP BY 1, 2, 3
         UNION ALL
         SELECT meeting_id, status, NULL, count(*)::int FROM mail_job WHERE meeting_id = ANY($1::uuid[]) GROUP BY 1, 2`,
        [nextIds],
      ),
    ]);
    return { rows, upcoming, meetings, slots, blackouts, pending, actions, minutes, progress };
  },
  async unit(url, me) {
    const unit = url.searchParams.get('unit');
    const [rows, coming, open] = await Promise.all([
      q(
        `SELECT u.*, ARRAY(SELECT r.series_id FROM rotation_slot r WHERE r.unit_id = u.id AND r.series_id = ANY($2::uuid[])) AS series
           FROM unit u WHERE u.id = $1`,
        [unit, me.series],
      ),
      q(
        `SELECT m.*, s.name AS series_name, s.timezone FROM meeting m JOIN series s ON s.id = m.series_id
          WHERE m.host_unit_id = $1 AND m.series_id = ANY($2::uuid[]) AND m.status IN ('draft', 'confirmed')
            AND m.starts_at > now() ORDER BY m.starts_at`,
        [unit, me.series],
      ),
      q(
        `SELECT a.* FROM action_item a WHERE a.series_id = ANY($2::uuid[]) AND a.owner_unit_id = $1
            AND a.status IN ('open', 'in_progress')
          ORDER BY CASE WHEN a.due_date < now()::date THEN 0 ELSE 1 END, a.due_date NULLS LAST, a.created_at LIMIT 200`,
        [unit, me.series],
      ),
    ]);
    const archive = await q(
      `SELECT * FROM (SELECT mi.series_id, mi.id, mt.number, mt.local_date::text, u.name AS host,
                             row_number() OVER (PARTITION BY mi.series_id ORDER BY mt.starts_at DESC) AS n
                        FROM minutes mi JOIN meeting mt ON mt.id = mi.meeting_id JOIN unit u ON u.id = mt.host_unit_id
                       WHERE mi.series_id = ANY($1::uuid[]) AND mi.status = 'published' AND mi.superseded_at IS NULL) x
        WHERE n <= 50`,
      [(rows[0] as { series: string[] } | undefined)?.series ?? []],
    );
    return { unit: rows[0], coming, open, archive };
  },
};

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor');
    const route = ROUTES[url.pathname.slice(1)];
    void (async () => {
      try {
        const me = await caller(req);
        if (!me || !route) {
          res.writeHead(me ? 404 : 401).end();
          return;
        }
        const body = JSON.stringify(await route(url, me));
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      } catch (e) {
        res.writeHead(500).end(String(e));
      }
    })();
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
