import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ACCESS_MATRIX, AccessRule, Role, ROLES } from './access-matrix';

const HEADINGS: Record<Role, string> = {
  anonymous: 'anonymous',
  coordinator: 'coordinator',
  otherCoordinator: 'other coordinator',
  staff: 'staff',
  otherStaff: 'other staff',
  serviceUser: 'service user',
};

const cell = (rule: AccessRule, role: Role) => (rule.allow.includes(role) ? 'yes' : '–');
const escape = (s: string) => s.replace(/\|/g, '\\|');

/** docs/access.md from ACCESS_MATRIX; `npm run docs:access` writes it, the access-matrix test checks it. */
export function renderAccessDoc(rules: AccessRule[] = ACCESS_MATRIX): string {
  const head = `| method | path | ${ROLES.map((r) => HEADINGS[r]).join(' | ')} | note |`;
  const line = `| --- | --- | ${ROLES.map(() => ':-:').join(' | ')} | --- |`;
  const rows = rules.map(
    (r) =>
      `| ${r.method} | \`${r.path}\` | ${ROLES.map((role) => cell(r, role)).join(' | ')} | ${escape(r.note ?? '')} |`,
  );
  return [
    '# Who may call what',
    '',
    '<!-- Written by `npm run docs:access` from apps/api/src/auth/access-matrix.ts. Do not edit by hand. -->',
    '',
    'Every HTTP route of the api, and which roles get its real answer. Everyone else gets 401 (no',
    'credentials on the API), 404 (a record of a series that is not for the caller: no role in it, or',
    'a role the route does not allow; ids of other series reveal nothing), 403 (a route that belongs',
    'to no single series and is not for the role, such as creating a series as staff) or, on pages, a',
    'redirect to `/login`. `test/access-matrix.e2e-spec.ts` calls every route as every role and checks this table;',
    'it also fails when a route exists that is not in the table.',
    '',
    '- **coordinator**: coordinates the series the record belongs to (API token or browser session).',
    '- **other coordinator**: coordinates another series only.',
    '- **staff**: active staff member of the series; their home unit owns the action item.',
    '- **other staff**: staff member of another series only.',
    '- **service user**: holds a personal link (RSVP, calendar, unsubscribe, minutes) of the series; on',
    '  other routes the same as anonymous.',
    '- **anonymous**: no login, no link.',
    '',
    head,
    line,
    ...rows,
    '',
  ].join('\n');
}

/** The same text whatever the padding of the table (prettier aligns its columns). */
export function normalizeAccessDoc(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/-+/g, '-').replace(/\s+/g, ' ') : line))
    .join('\n')
    .trim();
}

export const ACCESS_DOC_PATH = path.join(__dirname, '..', '..', '..', '..', 'docs', 'access.md');

if (require.main === module) {
  fs.writeFileSync(ACCESS_DOC_PATH, renderAccessDoc());
  // Aligned the way `npm run check` (prettier) wants it.
  execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', ACCESS_DOC_PATH]);
  console.log(`Wrote ${path.relative(process.cwd(), ACCESS_DOC_PATH)}`);
}
