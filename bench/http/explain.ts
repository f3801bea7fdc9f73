/**
 * The plans that justify the indexes of migration 1795800600000-ReadIndexes: each query that needs
 * an index, EXPLAIN ANALYZE with the index and, in a rolled-back transaction, without it. Run by
 * `npm run bench:http` on the national data set; written to docs/performance.md.
 */
import { Pool } from 'pg';

interface Justification {
  index: string;
  why: string;
  sql: string;
  params: (ids: Ids) => unknown[];
}

interface Ids {
  seriesId: string;
  meetingId: string;
  unitId: string;
  personId: string;
  now: string;
  today: string;
  inWeek: string;
}

const CASES: Justification[] = [
  {
    index: 'ix_action_item_meeting',
    why: "a meeting's action items (meeting page, minutes reader, dashboard health)",
    sql: `SELECT id, title, status FROM action_item WHERE meeting_id = $1`,
    params: (i) => [i.meetingId],
  },
  {
    index: 'ix_action_item_assignee',
    why: 'ON DELETE SET NULL when a person is erased; items assigned to a person',
    sql: `SELECT id FROM action_item WHERE assignee_id = $1`,
    params: (i) => [i.personId],
  },
  {
    index: 'ix_action_item_raised_by_person',
    why: 'ON DELETE SET NULL when a person is erased; erasure rewrites what they raised',
    sql: `SELECT id FROM action_item WHERE raised_by_person_id = $1`,
    params: (i) => [i.personId],
  },
  {
    index: 'ix_action_item_open_due',
    why: 'the due-date task: open items due within a week (ActionItemService.enqueueDueNotices)',
    sql: `SELECT id FROM action_item WHERE status IN ('open','in_progress') AND due_date IS NOT NULL
            AND due_date >= $1 AND due_date <= $2`,
    params: (i) => [i.today, i.inWeek],
  },
  {
    index: 'ix_meeting_host_unit',
    why: "the unit page's next turn; the archive's host filter; ON DELETE RESTRICT from unit",
    sql: `SELECT id FROM meeting WHERE host_unit_id = $1 AND status IN ('draft','confirmed') AND starts_at > $2
           ORDER BY starts_at`,
    params: (i) => [i.unitId, i.now],
  },
  {
    index: 'ix_meeting_confirmed_starts',
    why: 'the reminder task: confirmed meetings whose reminder window has opened (ReminderService)',
    sql: `SELECT id FROM meeting WHERE status = 'confirmed' AND starts_at > $1
            AND starts_at <= $1::timestamptz + interval '7 days'`,
    params: (i) => [i.now],
  },
  {
    index: 'ix_topic_proposal_proposer',
    why: 'ON DELETE SET NULL when a person is erased; a person\'s own proposals ("tell me what happens")',
    sql: `SELECT id FROM topic_proposal WHERE proposer_id = $1`,
    params: (i) => [i.personId],
  },
  {
    index: 'ix_person_home_unit',
    why: "a unit's staff (notices to the owner unit, the unit page); ON DELETE SET NULL from unit",
    sql: `SELECT id FROM person WHERE home_unit_id = $1`,
    params: (i) => [i.unitId],
  },
  {
    index: 'ix_mail_job_pending',
    why: "the dispatcher's claim: due rows among all the sent ones (MailDispatcher.dispatchDue)",
    sql: `SELECT id FROM mail_job WHERE status IN ('queued','retrying','sending') AND next_attempt_at <= $1
           ORDER BY priority DESC, next_attempt_at, created_at LIMIT 100`,
    params: (i) => [i.now],
  },
];

async function plan(pool: Pool, sql: string, params: unknown[]): Promise<{ lines: string[]; ms: number }> {
  const rows = (await pool.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params)).rows as {
    'QUERY PLAN': string;
  }[];
  const lines = rows.map((r) => r['QUERY PLAN']);
  const ms = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? NaN);
  return { lines: lines.filter((l) => !/Planning Time|Execution Time/.test(l)), ms };
}

export async function explainIndexes(pool: Pool, ids: Ids): Promise<string> {
  const out: string[] = [
    '| index | the query that needs it | with the index | without it |',
    '| --- | --- | ---: | ---: |',
  ];
  const plans: string[] = [];
  for (const c of CASES) {
    const params = c.params(ids);
    const withIndex = await plan(pool, c.sql, params);
    const client = await pool.connect();
    let without: { lines: string[]; ms: number };
    try {
      await client.query('BEGIN');
      await client.query(`DROP INDEX "${c.index}"`);
      const rows = (await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${c.sql}`, params)).rows as {
        'QUERY PLAN': string;
      }[];
      const lines = rows.map((r) => r['QUERY PLAN']);
      without = {
        lines,
        ms: Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? NaN),
      };
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    const first = (l: string[]) =>
      (l.find((x) => /Scan/.test(x)) ?? l[0])
        .replace(/\s+\(actual.*$/, '')
        .replace(/^[\s->]+/, '')
        .trim();
    out.push(
      `| \`${c.index}\` | ${c.why} | ${withIndex.ms.toFixed(2)} ms (${first(withIndex.lines)}) | ${without.ms.toFixed(2)} ms (${first(without.lines)}) |`,
    );
    plans.push(`-- ${c.index}\nEXPLAIN ANALYZE ${c.sql.replace(/\s+/g, ' ')}\n${withIndex.lines.join('\n')}`);
  }
  return `${out.join('\n')}\n\n<details><summary>The plans with the indexes</summary>\n\n\`\`\`\n${plans.join('\n\n')}\n\`\`\`\n\n</details>`;
}
