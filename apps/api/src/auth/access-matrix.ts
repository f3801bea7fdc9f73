/**
 * WHO MAY CALL WHAT: one row per HTTP route of the api app. test/access-matrix.e2e-spec.ts fails when a
 * registered route has no row here (or a row has no route), then calls every route as every role and
 * checks the answer against `allow`. `npm run docs:access` renders this table into docs/access.md.
 *
 * ADDING A ROUTE (other engineers: please add your rows, in the section of your area):
 *   { method: 'GET', path: '/meetings/:meetingId/agenda-page', allow: ['coordinator', 'staff'] },
 * - `path` exactly as Nest registers it (the express pattern, e.g. '/api/v1/series/:seriesId').
 * - `allow`: the roles that get the real answer (see Role). Everyone else must get 401, 403, 404 or
 *   a redirect to /login. A record of a series the caller cannot see answers 404, never the data.
 * - Path parameters are filled by name from the test's fixture world (first series, the coordinator's):
 *   seriesId, meetingId, minutesId, itemId (agenda item), actionItemId, proposalId, topicId, personId
 *   (a staff member of the first series), unitId (the staff member's home unit), blackoutId, key (the
 *   series' public link key). A `:token` is filled by `token` below (service user's link of that kind).
 *   A parameter the test does not know fails the test: add it to PARAMS in the spec.
 * - `token`: which personal link fills `:token` / `:file` (only the serviceUser role holds it; the
 *   other roles send a made-up one).
 * - `params`: fill a parameter from another fixture than its name says, e.g. { personId: 'sparePerson' }
 *   (a staff member of the first series who is not yet a member or coordinator, for add/remove routes).
 * - `body`: a JSON/form body that passes validation, when the route needs one to give its real answer.
 * - `expect`: the status(es) an allowed role must get, when more than "not denied" should be checked.
 * - `note`: why, in a few words; shown in docs/access.md.
 */

/**
 * - anonymous: no credentials at all.
 * - coordinator: coordinates the record's series (API token on /api/v1, session cookie on pages).
 * - otherCoordinator: coordinates another series only.
 * - staff: active staff member of the record's series; home unit = the record's owner unit.
 * - otherStaff: active staff member of another series only.
 * - serviceUser: holds a personal link (token) of the series; on session/bearer routes like anonymous.
 */
export type Role = 'anonymous' | 'coordinator' | 'otherCoordinator' | 'staff' | 'otherStaff' | 'serviceUser';
export const ROLES: Role[] = [
  'anonymous',
  'coordinator',
  'otherCoordinator',
  'staff',
  'otherStaff',
  'serviceUser',
];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TokenKind = 'rsvp' | 'calendar' | 'unsubscribe' | 'minutes' | 'login';

export interface AccessRule {
  method: HttpMethod;
  path: string;
  allow: Role[];
  note?: string;
  token?: TokenKind;
  params?: Record<string, string>;
  body?: Record<string, unknown>;
  expect?: number[];
}

const EVERYONE: Role[] = [...ROLES];
const COORDINATOR: Role[] = ['coordinator'];
/** Coordinators and staff of the series (API with a token for coordinators; pages with a session). */
const MEMBERS: Role[] = ['coordinator', 'staff'];
/** Any logged-in coordinator or staff member: lists filtered to what they may see. */
const LOGGED_IN: Role[] = ['coordinator', 'otherCoordinator', 'staff', 'otherStaff'];
const ANY_COORDINATOR: Role[] = ['coordinator', 'otherCoordinator'];
const TOKEN_HOLDER: Role[] = ['serviceUser'];

const v1 = (path: string) => `/api/v1${path}`;

export const ACCESS_MATRIX: AccessRule[] = [
  // ── Infrastructure ─────────────────────────────────────────────────────────────────────────────
  { method: 'GET', path: '/health', allow: EVERYONE, note: 'no personal data' },
  { method: 'GET', path: '/api/docs', allow: EVERYONE, note: 'OpenAPI, browsable' },
  { method: 'GET', path: '/api/docs/', allow: EVERYONE, note: 'Swagger UI' },
  { method: 'GET', path: '/api/docs/index.html', allow: EVERYONE, note: 'Swagger UI' },
  { method: 'GET', path: '/api/docs/swagger-ui-init.js', allow: EVERYONE, note: 'Swagger UI' },
  { method: 'GET', path: '/api/docs/docs/swagger-ui-init.js', allow: EVERYONE, note: 'Swagger UI' },
  {
    method: 'GET',
    path: '/api/docs/LICENSE',
    allow: [],
    note: 'registered by Swagger UI, but the file is not shipped: 404 for everyone',
  },
  { method: 'GET', path: '/api/docs-json', allow: EVERYONE, note: 'OpenAPI document' },
  { method: 'GET', path: '/api/docs-yaml', allow: EVERYONE, note: 'OpenAPI document' },
  { method: 'GET', path: '/assets/kierto.css', allow: EVERYONE },
  {
    method: 'GET',
    path: '/dev/outbox',
    allow: ANY_COORDINATOR,
    note: 'no SMTP_URL; loopback + coordinator session; only mail to them and their series',
  },
  {
    method: 'GET',
    path: '/dev/outbox/:file',
    allow: COORDINATOR,
    note: 'as /dev/outbox: only a message to the caller or to people of their series',
  },

  // ── REST: series, coordinators, members, rotation ──────────────────────────────────────────────
  { method: 'POST', path: v1('/series'), allow: ANY_COORDINATOR, note: 'the creator becomes coordinator' },
  { method: 'GET', path: v1('/series'), allow: ANY_COORDINATOR, note: 'only the series you coordinate' },
  { method: 'GET', path: v1('/series/:seriesId'), allow: COORDINATOR },
  { method: 'PATCH', path: v1('/series/:seriesId'), allow: COORDINATOR },
  {
    method: 'GET',
    path: v1('/series/:seriesId/members'),
    allow: COORDINATOR,
    note: 'contact details: audited',
  },
  {
    method: 'PUT',
    path: v1('/series/:seriesId/members/:personId'),
    allow: COORDINATOR,
    params: { personId: 'sparePerson' },
    note: 'only a person the caller sees already (AccessPolicy.canSeePerson), else 404',
  },
  {
    method: 'DELETE',
    path: v1('/series/:seriesId/members/:personId'),
    allow: COORDINATOR,
    params: { personId: 'sparePerson' },
  },
  {
    method: 'GET',
    path: v1('/series/:seriesId/coordinators'),
    allow: COORDINATOR,
    note: 'contact details: audited',
  },
  {
    method: 'PUT',
    path: v1('/series/:seriesId/coordinators/:personId'),
    allow: COORDINATOR,
    params: { personId: 'sparePerson' },
    note: 'audited; only a person the caller sees already, else 404',
  },
  {
    method: 'DELETE',
    path: v1('/series/:seriesId/coordinators/:personId'),
    allow: COORDINATOR,
    params: { personId: 'sparePerson' },
    note: 'audited; the last coordinator cannot be removed (409)',
  },
  { method: 'GET', path: v1('/series/:seriesId/rotation'), allow: COORDINATOR },
  { method: 'PUT', path: v1('/series/:seriesId/rotation'), allow: COORDINATOR },

  // ── REST: units (belong to the network of the series that use them) ─────────────────────────────
  {
    method: 'POST',
    path: v1('/units'),
    allow: ANY_COORDINATOR,
    note: 'only the creator sees it until a series uses it',
  },
  {
    method: 'GET',
    path: v1('/units'),
    allow: ANY_COORDINATOR,
    note: "only units of the caller's series, and their own not yet used (AccessPolicy.visibleUnitIds)",
  },
  {
    method: 'GET',
    path: v1('/units/:unitId'),
    allow: COORDINATOR,
    note: 'coordinators of a series using the unit (rotation, home unit, host); its creator before use',
  },
  { method: 'PATCH', path: v1('/units/:unitId'), allow: COORDINATOR, note: 'as GET' },
  { method: 'GET', path: v1('/units/:unitId/blackouts'), allow: COORDINATOR, note: 'as GET /units/:unitId' },
  { method: 'POST', path: v1('/units/:unitId/blackouts'), allow: COORDINATOR, note: 'as GET /units/:unitId' },
  {
    method: 'DELETE',
    path: v1('/units/:unitId/blackouts/:blackoutId'),
    allow: COORDINATOR,
    note: 'as GET /units/:unitId',
  },
  {
    method: 'GET',
    path: v1('/units/:unitId/action-items'),
    allow: LOGGED_IN,
    note: 'filtered to the series the caller may read',
  },

  // ── REST: people ───────────────────────────────────────────────────────────────────────────────
  { method: 'POST', path: v1('/people'), allow: ANY_COORDINATOR },
  {
    method: 'GET',
    path: v1('/people'),
    allow: ANY_COORDINATOR,
    note: 'only people you can see; contact details: audited',
  },
  { method: 'GET', path: v1('/people/:personId'), allow: COORDINATOR, note: 'contact details: audited' },
  {
    method: 'PATCH',
    path: v1('/people/:personId'),
    allow: COORDINATOR,
    note: 'a login address: only its owner or a coordinator of all their series (else 403)',
  },
  {
    method: 'POST',
    path: v1('/people/:personId/erase'),
    allow: COORDINATOR,
    expect: [400],
    note: 'needs { confirm: true } (the probe sends none); audited',
  },

  // ── REST: meetings and invitations ─────────────────────────────────────────────────────────────
  { method: 'POST', path: v1('/series/:seriesId/meetings/next'), allow: COORDINATOR },
  { method: 'GET', path: v1('/series/:seriesId/meetings'), allow: COORDINATOR },
  { method: 'GET', path: v1('/meetings/:meetingId'), allow: COORDINATOR },
  { method: 'PATCH', path: v1('/meetings/:meetingId'), allow: COORDINATOR },
  { method: 'POST', path: v1('/meetings/:meetingId/confirm'), allow: COORDINATOR },
  { method: 'POST', path: v1('/meetings/:meetingId/cancel'), allow: COORDINATOR },
  { method: 'GET', path: v1('/meetings/:meetingId/recipients'), allow: COORDINATOR },
  { method: 'GET', path: v1('/meetings/:meetingId/invitations'), allow: COORDINATOR },

  // ── REST: standing topics and agenda ───────────────────────────────────────────────────────────
  { method: 'GET', path: v1('/series/:seriesId/standing-topics'), allow: COORDINATOR },
  { method: 'POST', path: v1('/series/:seriesId/standing-topics'), allow: COORDINATOR },
  { method: 'PATCH', path: v1('/standing-topics/:topicId'), allow: COORDINATOR },
  { method: 'DELETE', path: v1('/standing-topics/:topicId'), allow: COORDINATOR },
  { method: 'GET', path: v1('/meetings/:meetingId/agenda'), allow: MEMBERS, note: 'staff read the agenda' },
  { method: 'POST', path: v1('/meetings/:meetingId/agenda'), allow: COORDINATOR },
  { method: 'PUT', path: v1('/meetings/:meetingId/agenda/order'), allow: COORDINATOR },
  { method: 'PATCH', path: v1('/agenda-items/:itemId'), allow: COORDINATOR },
  { method: 'DELETE', path: v1('/agenda-items/:itemId'), allow: COORDINATOR },

  // ── REST: proposals ────────────────────────────────────────────────────────────────────────────
  { method: 'POST', path: v1('/series/:seriesId/proposals'), allow: COORDINATOR },
  { method: 'GET', path: v1('/series/:seriesId/proposals'), allow: COORDINATOR },
  { method: 'GET', path: v1('/series/:seriesId/proposal-link'), allow: COORDINATOR },
  { method: 'POST', path: v1('/series/:seriesId/proposal-link'), allow: COORDINATOR },
  { method: 'GET', path: v1('/proposals/:proposalId'), allow: COORDINATOR },
  { method: 'POST', path: v1('/proposals/:proposalId/accept'), allow: COORDINATOR },
  { method: 'POST', path: v1('/proposals/:proposalId/merge'), allow: COORDINATOR },
  { method: 'POST', path: v1('/proposals/:proposalId/decline'), allow: COORDINATOR },
  {
    method: 'POST',
    path: v1('/public/proposals/:key'),
    allow: EVERYONE,
    note: 'anonymous proposal: whoever holds the printed public key',
  },

  // ── REST: minutes ──────────────────────────────────────────────────────────────────────────────
  {
    method: 'GET',
    path: v1('/meetings/:meetingId/minutes'),
    allow: MEMBERS,
    note: 'staff: circulated, approved and published versions only',
  },
  { method: 'PUT', path: v1('/meetings/:meetingId/minutes'), allow: COORDINATOR },
  {
    method: 'GET',
    path: v1('/minutes/:minutesId'),
    allow: MEMBERS,
    note: 'staff: not drafts (404)',
  },
  { method: 'PATCH', path: v1('/minutes/:minutesId'), allow: COORDINATOR },
  { method: 'POST', path: v1('/minutes/:minutesId/circulate'), allow: COORDINATOR },
  { method: 'GET', path: v1('/minutes/:minutesId/comments'), allow: MEMBERS, note: 'staff: not drafts' },
  {
    method: 'POST',
    path: v1('/minutes/:minutesId/comments'),
    allow: MEMBERS,
    note: 'staff comment on circulated minutes',
  },
  { method: 'POST', path: v1('/minutes/:minutesId/approve'), allow: COORDINATOR },
  { method: 'POST', path: v1('/minutes/:minutesId/publish'), allow: COORDINATOR },
  { method: 'POST', path: v1('/minutes/:minutesId/corrections'), allow: COORDINATOR },
  {
    method: 'GET',
    path: v1('/series/:seriesId/minutes'),
    allow: MEMBERS,
    note: 'archive; staff see no drafts',
  },

  // ── REST: action items, "you said, we did", search ─────────────────────────────────────────────
  { method: 'POST', path: v1('/agenda-items/:itemId/action-items'), allow: COORDINATOR },
  { method: 'GET', path: v1('/series/:seriesId/action-items'), allow: MEMBERS },
  { method: 'GET', path: v1('/meetings/:meetingId/action-items'), allow: MEMBERS },
  { method: 'GET', path: v1('/action-items/:actionItemId'), allow: MEMBERS },
  {
    method: 'PATCH',
    path: v1('/action-items/:actionItemId'),
    allow: MEMBERS,
    note: 'staff: items owned by their home unit or assigned to them',
  },
  {
    method: 'POST',
    path: v1('/action-items/:actionItemId/comments'),
    allow: MEMBERS,
    note: 'staff: items owned by their home unit or assigned to them',
  },
  { method: 'GET', path: v1('/series/:seriesId/you-said-we-did'), allow: MEMBERS },
  {
    method: 'GET',
    path: v1('/search'),
    allow: LOGGED_IN,
    note: 'only the series the caller may read (staff: published minutes)',
  },

  // ── Pages: login, logout, dashboard ────────────────────────────────────────────────────────────
  { method: 'GET', path: '/login', allow: EVERYONE, note: 'logged in: redirect to /' },
  { method: 'POST', path: '/login', allow: EVERYONE, note: 'the same answer for any address' },
  {
    method: 'GET',
    path: '/login/:token',
    allow: EVERYONE,
    note: 'the link is the credential: a page with a button, or "this link does not work"',
    token: 'login',
    expect: [200],
  },
  {
    method: 'POST',
    path: '/login/:token',
    allow: EVERYONE,
    note: 'the link is the credential: a live link logs its owner in (303), a dead one gets 400',
    token: 'login',
    expect: [400],
  },
  { method: 'POST', path: '/logout', allow: EVERYONE, note: 'ends the session, if any' },
  { method: 'POST', path: '/logout/everywhere', allow: LOGGED_IN },
  { method: 'GET', path: '/', allow: LOGGED_IN, note: "dashboard: the person's own series" },
  {
    method: 'POST',
    path: '/meetings/:meetingId/confirm',
    allow: COORDINATOR,
    note: 'sends the invitations',
  },
  {
    method: 'POST',
    path: '/proposals/:proposalId/accept',
    allow: COORDINATOR,
    expect: [303, 409],
    note: 'onto the next agenda; 409 when decided already',
  },
  { method: 'POST', path: '/proposals/:proposalId/decline', allow: COORDINATOR, expect: [400] },

  // ── Pages: the coordinator's meeting page (apps/api/src/pages/meeting-pages.controller.ts) ─────────
  // Without a body the forms answer 400 with the errors at the fields; the fixture's minutes are
  // published, so the minutes forms answer 409 (nothing changes). Cancelling needs a ticked box.
  {
    method: 'GET',
    path: '/meetings/:meetingId',
    allow: COORDINATOR,
    note: 'agenda, attendance, minutes, actions',
  },
  { method: 'POST', path: '/meetings/:meetingId/cancel', allow: COORDINATOR, expect: [400] },
  {
    method: 'POST',
    path: '/meetings/:meetingId/move',
    allow: COORDINATOR,
    expect: [400],
    note: 'without a day and time nothing moves (400)',
  },
  {
    method: 'POST',
    path: '/proposals/:proposalId/merge',
    allow: COORDINATOR,
    expect: [400],
    note: 'into a topic of the meeting named in the form; without one, 400',
  },
  { method: 'POST', path: '/meetings/:meetingId/agenda', allow: COORDINATOR, expect: [400] },
  {
    method: 'POST',
    path: '/meetings/:meetingId/agenda/:itemId',
    allow: COORDINATOR,
    expect: [400],
    note: 'an item of this meeting; others 404',
  },
  {
    method: 'POST',
    path: '/meetings/:meetingId/agenda/:itemId/remove',
    allow: COORDINATOR,
    expect: [409],
    note: 'an item with action items stays (409)',
  },
  { method: 'POST', path: '/meetings/:meetingId/agenda/:itemId/move', allow: COORDINATOR, expect: [303] },
  { method: 'POST', path: '/meetings/:meetingId/attendance', allow: COORDINATOR, expect: [409] },
  { method: 'POST', path: '/meetings/:meetingId/minutes', allow: COORDINATOR, expect: [409] },
  { method: 'POST', path: '/meetings/:meetingId/minutes/publish', allow: COORDINATOR, expect: [409] },
  { method: 'POST', path: '/meetings/:meetingId/minutes/correction', allow: COORDINATOR, expect: [400] },
  { method: 'POST', path: '/meetings/:meetingId/action-items', allow: COORDINATOR, expect: [400] },
  {
    method: 'POST',
    path: '/meetings/:meetingId/action-items/:actionItemId',
    allow: COORDINATOR,
    expect: [400],
    note: 'an item of this meeting; closing needs the public outcome',
  },

  // ── Pages: staff unit view, search, minutes (apps/api/src/pages/unit-pages.controller.ts) ──────────
  {
    method: 'GET',
    path: '/units/:unitId',
    allow: MEMBERS,
    note: 'staff of the home unit; coordinators of a series the unit is in the rotation of',
  },
  {
    method: 'POST',
    path: '/action-items/:actionItemId',
    allow: MEMBERS,
    body: { status: 'in_progress' },
    note: 'AccessPolicy.canUpdateActionItem: staff of the owner unit, the assignee, coordinators',
  },
  { method: 'GET', path: '/search', allow: LOGGED_IN, note: 'only the series the caller may read' },
  {
    method: 'GET',
    path: '/series/:seriesId/minutes',
    allow: MEMBERS,
    note: 'the minutes archive: published minutes of the series',
  },
  {
    method: 'GET',
    path: '/series/:seriesId/minutes/:minutesId',
    allow: MEMBERS,
    note: 'staff: not drafts (404); circulated ones with their comments and a comment form',
  },
  {
    method: 'POST',
    path: '/series/:seriesId/minutes/:minutesId/comments',
    allow: MEMBERS,
    body: { body: 'Kohta 1: päätös oli viikko, ei kaksi.' },
    expect: [409],
    note: 'a comment while the minutes are circulated; the fixture’s are published: 409, nothing saved',
  },

  // ── Pages: a service user's own pages by the invitation's personal link (me-pages.controller.ts) ──
  { method: 'GET', path: '/p/:token', allow: TOKEN_HOLDER, token: 'rsvp', note: 'next meeting, own answer' },
  { method: 'GET', path: '/p/:token/propose', allow: TOKEN_HOLDER, token: 'rsvp' },
  {
    method: 'POST',
    path: '/p/:token/propose',
    allow: TOKEN_HOLDER,
    token: 'rsvp',
    body: { title: 'Aihe kokoukseen', notify: 'yes' },
    note: 'named (the link holder) or anonymous (nobody recorded)',
  },
  {
    method: 'GET',
    path: '/p/:token/minutes',
    allow: TOKEN_HOLDER,
    token: 'rsvp',
    note: 'published minutes of the series',
  },
  {
    method: 'GET',
    path: '/p/:token/minutes/:minutesId',
    allow: TOKEN_HOLDER,
    token: 'rsvp',
    note: 'published only; another series: 404',
  },
  { method: 'GET', path: '/p/:token/you-said-we-did', allow: TOKEN_HOLDER, token: 'rsvp' },

  // ── Pages: the guided setup of a new series (apps/api/src/settings/setup.controller.ts) ─────────
  // /series/new creates a series (the probe sends no body: 400). The fixture series is started, so
  // its setup pages and forms only lead to its settings (303) and change nothing.
  { method: 'GET', path: '/series/new', allow: ANY_COORDINATOR, note: 'holders of a coordinator grant' },
  {
    method: 'POST',
    path: '/series/new',
    allow: ANY_COORDINATOR,
    expect: [400],
    note: 'the creator coordinates it',
  },
  {
    method: 'GET',
    path: '/series/:seriesId/setup',
    allow: COORDINATOR,
    expect: [303],
    note: 'resumes the setup',
  },
  { method: 'GET', path: '/series/:seriesId/setup/basics', allow: COORDINATOR, expect: [200, 303] },
  { method: 'GET', path: '/series/:seriesId/setup/units', allow: COORDINATOR, expect: [200, 303] },
  { method: 'GET', path: '/series/:seriesId/setup/people', allow: COORDINATOR, expect: [200, 303] },
  { method: 'GET', path: '/series/:seriesId/setup/topics', allow: COORDINATOR, expect: [200, 303] },
  { method: 'GET', path: '/series/:seriesId/setup/public', allow: COORDINATOR, expect: [200, 303] },
  { method: 'GET', path: '/series/:seriesId/setup/start', allow: COORDINATOR, expect: [200, 303] },
  { method: 'POST', path: '/series/:seriesId/setup/basics', allow: COORDINATOR, expect: [303] },
  { method: 'POST', path: '/series/:seriesId/setup/units', allow: COORDINATOR, expect: [303] },
  { method: 'POST', path: '/series/:seriesId/setup/units/pick', allow: COORDINATOR, expect: [303] },
  { method: 'POST', path: '/series/:seriesId/setup/units/:unitId/move', allow: COORDINATOR, expect: [303] },
  { method: 'POST', path: '/series/:seriesId/setup/units/:unitId/remove', allow: COORDINATOR, expect: [303] },
  { method: 'POST', path: '/series/:seriesId/setup/people', allow: COORDINATOR, expect: [303] },
  { method: 'POST', path: '/series/:seriesId/setup/topics', allow: COORDINATOR, expect: [303] },
  { method: 'POST', path: '/series/:seriesId/setup/topics/:topicId', allow: COORDINATOR, expect: [303] },
  {
    method: 'POST',
    path: '/series/:seriesId/setup/topics/:topicId/remove',
    allow: COORDINATOR,
    expect: [303],
  },
  { method: 'POST', path: '/series/:seriesId/setup/public', allow: COORDINATOR, expect: [303] },
  { method: 'POST', path: '/series/:seriesId/setup/continue', allow: COORDINATOR, expect: [303] },
  {
    method: 'POST',
    path: '/series/:seriesId/setup/start',
    allow: COORDINATOR,
    expect: [303],
    note: 'starts the rotation and proposes the first meeting; a started series: no change',
  },

  // ── Pages: series settings and CSV import (apps/api/src/settings/) ─────────────────────────────
  // Without a body the forms answer 400 with the errors shown (the probe changes nothing), except
  // the moves (harmless) and the removals; removing a unit from the rotation is last on purpose.
  { method: 'GET', path: '/series/:seriesId/settings', allow: COORDINATOR },
  { method: 'POST', path: '/series/:seriesId/settings/basics', allow: COORDINATOR, expect: [400] },
  { method: 'POST', path: '/series/:seriesId/settings/rotation', allow: COORDINATOR, expect: [400] },
  { method: 'POST', path: '/series/:seriesId/settings/rotation/:unitId/move', allow: COORDINATOR },
  { method: 'POST', path: '/series/:seriesId/settings/units', allow: COORDINATOR, expect: [400] },
  {
    method: 'POST',
    path: '/series/:seriesId/settings/units/:unitId',
    allow: COORDINATOR,
    expect: [400],
    note: 'edits a unit of the rotation (AccessPolicy.canSeeUnit); another unit: 404',
  },
  {
    method: 'POST',
    path: '/series/:seriesId/settings/public',
    allow: COORDINATOR,
    expect: [303],
    note: 'the "notice is public" switch (publicFeedback); no box: not public',
  },
  {
    method: 'POST',
    path: '/series/:seriesId/settings/units/:unitId/blackouts',
    allow: COORDINATOR,
    expect: [400],
    note: 'a unit in the rotation of the series; others 404',
  },
  {
    method: 'POST',
    path: '/series/:seriesId/settings/units/:unitId/blackouts/:blackoutId/remove',
    allow: COORDINATOR,
    expect: [303],
  },
  { method: 'POST', path: '/series/:seriesId/settings/people', allow: COORDINATOR, expect: [400] },
  {
    method: 'GET',
    path: '/series/:seriesId/settings/people/:personId',
    allow: COORDINATOR,
    note: 'a member of the series; shows the email address (contact details)',
  },
  { method: 'POST', path: '/series/:seriesId/settings/people/:personId', allow: COORDINATOR, expect: [400] },
  {
    method: 'POST',
    path: '/series/:seriesId/settings/people/:personId/membership',
    allow: COORDINATOR,
    body: { active: '1' },
    expect: [303],
  },
  { method: 'POST', path: '/series/:seriesId/settings/topics', allow: COORDINATOR, expect: [400] },
  { method: 'POST', path: '/series/:seriesId/settings/topics/:topicId', allow: COORDINATOR, expect: [400] },
  {
    method: 'POST',
    path: '/series/:seriesId/settings/topics/:topicId/move',
    allow: COORDINATOR,
    expect: [303],
  },
  { method: 'POST', path: '/series/:seriesId/settings/coordinators', allow: COORDINATOR, expect: [400] },
  {
    method: 'POST',
    path: '/series/:seriesId/settings/coordinators/invite',
    allow: COORDINATOR,
    expect: [400],
    note: 'invite a colleague by address (name and email needed); an unknown or hidden address answers the same',
  },
  {
    method: 'GET',
    path: '/series/:seriesId/settings/handover',
    allow: COORDINATOR,
    note: 'hand-over page: choose the successor among the other coordinators, confirm',
  },
  {
    method: 'POST',
    path: '/series/:seriesId/settings/coordinators/leave',
    allow: COORDINATOR,
    expect: [400, 409],
    note: 'hand-over: needs a successor and the box ticked (the probe sends neither, 400); no other coordinator: 409',
  },
  { method: 'GET', path: '/series/:seriesId/import', allow: COORDINATOR },
  {
    method: 'GET',
    path: '/series/:seriesId/import/template',
    allow: COORDINATOR,
    note: 'CSV template for Excel (?kind=, ?lang=), Windows-1252; reads only',
  },
  {
    method: 'POST',
    path: '/series/:seriesId/import',
    allow: COORDINATOR,
    expect: [400],
    note: 'CSV preview: writes nothing',
  },
  {
    method: 'POST',
    path: '/series/:seriesId/import/commit',
    allow: COORDINATOR,
    expect: [400],
    note: 'all rows in one transaction, or none',
  },
  {
    method: 'POST',
    path: '/series/:seriesId/settings/rotation/:unitId/remove',
    allow: COORDINATOR,
    expect: [303],
    note: 'takes the unit out of the rotation',
  },

  // ── Pages without an account ───────────────────────────────────────────────────────────────────
  { method: 'GET', path: '/s/:key', allow: EVERYONE, note: 'anonymous proposal form' },
  { method: 'POST', path: '/s/:key', allow: EVERYONE, note: 'anonymous proposal form' },
  {
    method: 'GET',
    path: '/s/:key/notice',
    allow: MEMBERS,
    note: 'anyone when the series set publicFeedback; else coordinators and staff of the series',
  },
  { method: 'GET', path: '/minutes/:token', allow: TOKEN_HOLDER, token: 'minutes', note: 'published only' },
  { method: 'GET', path: '/rsvp/:token', allow: TOKEN_HOLDER, token: 'rsvp' },
  { method: 'POST', path: '/rsvp/:token', allow: TOKEN_HOLDER, token: 'rsvp', body: { answer: 'yes' } },
  { method: 'GET', path: '/unsubscribe/:token', allow: TOKEN_HOLDER, token: 'unsubscribe' },
  { method: 'POST', path: '/unsubscribe/:token', allow: TOKEN_HOLDER, token: 'unsubscribe' },
  { method: 'GET', path: '/calendar/:file', allow: TOKEN_HOLDER, token: 'calendar', note: '<token>.ics' },
];
