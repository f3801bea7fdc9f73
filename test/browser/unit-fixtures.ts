import request from 'supertest';
import { TestApp } from '@kierto/testing';

export const PRIVACY_CHECKLIST = [
  'no-treatment-details',
  'no-absent-people',
  'service-users-named-with-consent',
  'no-identifiers',
];

/** The coordinators' REST API with one token. */
export function coordinatorApi(t: TestApp, auth: string) {
  return {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
    put: (p: string, body: object = {}) => request(t.http).put(p).set('Authorization', auth).send(body),
    delete: (p: string) => request(t.http).delete(p).set('Authorization', auth),
  };
}

/**
 * Minutes of a confirmed meeting, written after it (the clock moves past its end), approved and
 * published over the REST API, with one action item raised from the meeting's first agenda item.
 */
export async function publishMinutesWithAction(
  t: TestApp,
  auth: string,
  meetingId: string,
  input: {
    items: { title: string; notes: string; decisions: string }[];
    present: string[];
    action?: { title: string; ownerUnitId: string; dueDate: string; raisedByPersonId: string };
  },
): Promise<{ minutesId: string; actionId: string | null; agendaItemId: string }> {
  const api = coordinatorApi(t, auth);
  const meeting = await api.get(`/api/v1/meetings/${meetingId}`).expect(200);
  t.clock.current = new Date(new Date(meeting.body.endsAt).getTime() + 2 * 86_400_000);
  const agenda = await api.get(`/api/v1/meetings/${meetingId}/agenda`).expect(200);
  const agendaItemId: string = agenda.body.items[0].id;
  const minutes = await api
    .put(`/api/v1/meetings/${meetingId}/minutes`, {
      items: input.items,
      attendance: { present: input.present.map((personId) => ({ personId })) },
      privacyChecked: PRIVACY_CHECKLIST,
    })
    .expect(201);
  const action = input.action
    ? await api
        .post(`/api/v1/agenda-items/${agendaItemId}/action-items`, {
          title: input.action.title,
          ownerUnitId: input.action.ownerUnitId,
          dueDate: input.action.dueDate,
          raisedBy: { kind: 'service_user', personId: input.action.raisedByPersonId },
        })
        .expect(201)
    : null;
  await api.post(`/api/v1/minutes/${minutes.body.id}/approve`, { by: 'coordinator' }).expect(200);
  await api.post(`/api/v1/minutes/${minutes.body.id}/publish`).expect(200);
  return { minutesId: minutes.body.id, actionId: action?.body.id ?? null, agendaItemId };
}
