import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { simpleParser } from 'mailparser';
import { MailDispatcher } from '@kierto/mail';
import { createTestApp } from '@kierto/testing';

describe('the development outbox without SMTP_URL (e2e)', () => {
  it('writes each message as an .eml file and lists it at /dev/outbox', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kierto-outbox-'));
    const t = await createTestApp({ DATA_DIR: dataDir });
    try {
      const { auth, personId } = await t.coordinator('me@example.test', 'Minä');
      const api = (m: 'post' | 'put', p: string, body: object = {}) =>
        request(t.http)[m](p).set('Authorization', auth).send(body);
      const series = await api('post', '/api/v1/series', {
        name: 'Outbox series',
        cadenceMonths: 1,
        dayRule: { nth: 1, weekday: 3 },
        startTime: '10:00',
        durationMinutes: 60,
      }).expect(201);
      const unit = await api('post', '/api/v1/units', {
        name: 'Outbox unit',
        streetAddress: 'Katu 5',
      }).expect(201);
      await api('put', `/api/v1/series/${series.body.id}/rotation`, { unitIds: [unit.body.id] }).expect(200);
      await api('put', `/api/v1/series/${series.body.id}/members/${personId}`).expect(200);
      const meeting = await api('post', `/api/v1/series/${series.body.id}/meetings/next`).expect(201);
      await api('post', `/api/v1/meetings/${meeting.body.id}/confirm`).expect(200);
      await t.app.get(MailDispatcher).dispatchDue(new Date());

      const files = fs.readdirSync(path.join(dataDir, 'outbox'));
      expect(files).toHaveLength(1);
      const mail = await simpleParser(fs.readFileSync(path.join(dataDir, 'outbox', files[0])));
      expect(mail.subject).toMatch(/^Kutsu/);
      const page = await request(t.http).get('/dev/outbox').expect(200);
      expect(page.text).toContain(files[0]);
      await request(t.http).get(`/dev/outbox/${files[0]}`).expect(200);
      await request(t.http).get('/dev/outbox/..%2F..%2Fetc%2Fpasswd').expect(404);
    } finally {
      await t.close();
    }
  });
});
