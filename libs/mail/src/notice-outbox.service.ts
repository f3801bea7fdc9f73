import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Person, Series, SeriesCoordinator, SeriesMembership } from '@kierto/network';
import { mintToken } from './access-tokens';
import { MailJob } from './mail-job.entity';
import { MailRenderer } from './mail-renderer';
import { isNoticeKind, NoticeData, NoticeEnqueueResult, NoticeKind, NoticeRequest } from './notice.types';
import { notEmailedReason } from './outbox.service';

export type NoticeRecipientReason = 'no-email' | 'no-consent' | 'unsubscribed' | 'not-member';

/**
 * Whether a person may get notices of a series: an active member who may be emailed (address,
 * consent for service users, not unsubscribed), or a coordinator of the series with an address.
 * A coordinator who also has a membership row and unsubscribed through it stays unsubscribed.
 */
export async function noticeRecipient(
  em: EntityManager,
  seriesId: string,
  personId: string,
): Promise<{
  person: Person | null;
  membership: SeriesMembership | null;
  reason: NoticeRecipientReason | null;
}> {
  const person = await em.findOne(Person, { where: { id: personId } });
  if (!person) return { person: null, membership: null, reason: 'not-member' };
  const membership = await em.findOne(SeriesMembership, { where: { seriesId, personId } });
  if (membership?.active) return { person, membership, reason: notEmailedReason(person, membership) };
  if (!(await em.exists(SeriesCoordinator, { where: { seriesId, personId } })))
    return { person, membership, reason: 'not-member' };
  return {
    person,
    membership,
    reason: notEmailedReason(person, { unsubscribedAt: membership?.unsubscribedAt ?? null }),
  };
}

/** A link in a notice may be given as a path of this application ("/minutes/…"): made absolute here. */
export function absoluteNoticeUrl<K extends NoticeKind>(data: NoticeData[K], base: string): NoticeData[K] {
  const abs = (u: unknown) => (typeof u === 'string' && u.startsWith('/') ? `${base}${u}` : u);
  const d = data as Record<string, unknown> & { meeting?: unknown };
  const out: Record<string, unknown> = { ...d, url: abs(d.url) };
  if (d.url === undefined) delete out.url;
  for (const key of ['minutesUrl', 'settingsUrl']) if (key in d) out[key] = abs(d[key]);
  if (d.meeting && typeof d.meeting === 'object')
    out.meeting = { ...d.meeting, url: abs((d.meeting as { url?: unknown }).url) };
  return out as NoticeData[K];
}

/**
 * Queues notices (minutes, action items, proposals, host handover) in the outbox, inside the caller's
 * transaction: the row commits or rolls back with the change that caused it. The message is rendered
 * from the stored data when it is sent, in the recipient's language at that time.
 */
@Injectable()
export class NoticeOutbox {
  constructor(private readonly renderer: MailRenderer) {}

  /**
   * Writes one mail_job row, unless the person may not be emailed for the series (the reason is
   * returned) or a row with the same key exists ('duplicate'). Throws when the notice data is
   * incomplete or malformed, so the caller's transaction does not commit a notice that cannot be sent.
   */
  async enqueue<K extends NoticeKind>(
    em: EntityManager,
    req: NoticeRequest<K>,
  ): Promise<NoticeEnqueueResult> {
    if (!isNoticeKind(req.kind)) throw new Error(`notice: unknown kind ${String(req.kind)}`);
    if (typeof req.key !== 'string' || !req.key.trim()) throw new Error('notice: key is required');
    // Fails fast on bad data, in the caller's transaction, instead of at send time in the worker.
    const series = await em.findOne(Series, { where: { id: req.seriesId } });
    if (!series) throw new Error(`notice: series ${req.seriesId} not found`);
    // The caller's key, in its own namespace so that it cannot collide with the meeting mails' keys.
    const idempotencyKey = `notice:${req.key}`;
    // Checked first so that a repeated enqueue (the worker's periodic tasks) neither renders nor
    // mints tokens for a message that exists.
    if (await em.exists(MailJob, { where: { idempotencyKey } }))
      return { queued: false, reason: 'duplicate' };
    this.renderer.renderNotice({
      kind: req.kind,
      language: series.defaultLanguage,
      recipientName: '',
      data: absoluteNoticeUrl(req.data, 'http://localhost'),
      unsubscribeUrl: null,
    });
    const { membership, reason } = await noticeRecipient(em, req.seriesId, req.personId);
    if (reason) return { queued: false, reason };

    // The unsubscribe link records on the membership, so only members get one.
    const unsubscribeToken = membership
      ? await mintToken(em, 'unsubscribe', req.personId, req.seriesId)
      : undefined;
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(MailJob)
      .values({
        idempotencyKey,
        kind: req.kind,
        meetingId: req.meetingId ?? null,
        seriesId: req.seriesId,
        personId: req.personId,
        sequence: 0,
        payload: { notice: req.data, unsubscribeToken },
      })
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0 ? { queued: true } : { queued: false, reason: 'duplicate' };
  }

  /**
   * A notice to a unit's contact address (an office mailbox, not a person in Kierto): no membership,
   * so no unsubscribe link; in the series' language. Same key rules as enqueue().
   */
  async enqueueToAddress<K extends NoticeKind>(
    em: EntityManager,
    req: Omit<NoticeRequest<K>, 'personId'> & { address: string; name: string },
  ): Promise<NoticeEnqueueResult> {
    if (!isNoticeKind(req.kind)) throw new Error(`notice: unknown kind ${String(req.kind)}`);
    const series = await em.findOne(Series, { where: { id: req.seriesId } });
    if (!series) throw new Error(`notice: series ${req.seriesId} not found`);
    this.renderer.renderNotice({
      kind: req.kind,
      language: series.defaultLanguage,
      recipientName: req.name,
      data: absoluteNoticeUrl(req.data, 'http://localhost'),
      unsubscribeUrl: null,
    });
    const email = req.address.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return { queued: false, reason: 'no-email' };
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(MailJob)
      .values({
        idempotencyKey: `notice:${req.key}`,
        kind: req.kind,
        meetingId: req.meetingId ?? null,
        seriesId: req.seriesId,
        personId: null,
        sequence: 0,
        payload: { notice: req.data, toAddress: { email, name: req.name } },
      })
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0 ? { queued: true } : { queued: false, reason: 'duplicate' };
  }
}
