import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { SendMailOptions } from 'nodemailer';
import { EntityManager } from 'typeorm';
import { MailJob } from './mail-job.entity';
import { MailLanguage, RenderedMail } from './mail-renderer';

type Texts = Record<'subject' | 'greeting' | 'intro' | 'bySelf' | 'byCoordinator' | 'next', string>;

/** The notice to the old address when a person's email address is changed; `{name}`: who changed it. */
export const ADDRESS_CHANGED_TEXTS: Record<MailLanguage, Texts> = {
  fi: {
    subject: 'Sähköpostiosoitteesi Kierrossa vaihdettiin',
    greeting: 'Hei',
    intro:
      'Sähköpostiosoitteesi Kierrossa vaihdettiin toiseen. Tähän osoitteeseen ei enää tule kutsuja eikä kirjautumislinkkejä.',
    bySelf: 'Muutos tehtiin omilla tunnuksillasi.',
    byCoordinator: 'Muutoksen teki koordinaattori {name}.',
    next: 'Jos muutos oli oikein, sinun ei tarvitse tehdä mitään. Jos et tunnista muutosta, ota heti yhteyttä kokouksesi koordinaattoriin, jotta osoitteesi palautetaan.',
  },
  sv: {
    subject: 'Din e-postadress i Kierto har ändrats',
    greeting: 'Hej',
    intro:
      'Din e-postadress i Kierto har ändrats till en annan. Till den här adressen kommer inte längre inbjudningar eller inloggningslänkar.',
    bySelf: 'Ändringen gjordes med dina egna inloggningsuppgifter.',
    byCoordinator: 'Ändringen gjordes av koordinatorn {name}.',
    next: 'Om ändringen stämmer behöver du inte göra något. Om du inte känner igen ändringen, kontakta genast mötets koordinator så att din adress återställs.',
  },
  en: {
    subject: 'Your email address in Kierto was changed',
    greeting: 'Hello',
    intro:
      'Your email address in Kierto was changed to another one. Invitations and login links no longer come to this address.',
    bySelf: 'The change was made with your own login.',
    byCoordinator: 'The change was made by the coordinator {name}.',
    next: 'If the change is right, you do not need to do anything. If you do not recognise it, contact your meeting’s coordinator at once so that your address is restored.',
  },
};

/** What the outbox row keeps (payload.addressChanged); rendered when it is sent. */
export interface AddressChangedPayload {
  language: MailLanguage;
  /** The coordinator who changed it, or null when the person changed it themselves. */
  changedByName: string | null;
}

const TEMPLATES = path.join(__dirname, '..', 'templates');
const hb = Handlebars.create();
let compiled: { html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate } | null = null;

/** Renders the notice (html + text, strict Handlebars, compiled once). */
export function renderAddressChanged(name: string, p: AddressChangedPayload): RenderedMail {
  compiled ??= {
    html: hb.compile(fs.readFileSync(path.join(TEMPLATES, 'address-changed.hbs'), 'utf8'), { strict: true }),
    text: hb.compile(fs.readFileSync(path.join(TEMPLATES, 'address-changed.txt.hbs'), 'utf8'), {
      strict: true,
      noEscape: true,
    }),
  };
  const lang: MailLanguage = ADDRESS_CHANGED_TEXTS[p.language] ? p.language : 'fi';
  const t = ADDRESS_CHANGED_TEXTS[lang];
  const who = p.changedByName ? t.byCoordinator.replace('{name}', p.changedByName) : t.bySelf;
  const data = { lang, t, name, who };
  return { subject: t.subject, html: compiled.html(data), text: compiled.text(data) };
}

/**
 * Queues the notice to the old address, in the caller's transaction (the change and its notice
 * commit together). `key`: unique per change, so a retried request does not send it twice.
 */
export async function enqueueAddressChanged(
  em: EntityManager,
  req: { key: string; oldEmail: string; name: string } & AddressChangedPayload,
): Promise<void> {
  await em
    .createQueryBuilder()
    .insert()
    .into(MailJob)
    .values({
      idempotencyKey: `address-changed:${req.key}`,
      kind: 'address-changed',
      meetingId: null,
      seriesId: null,
      personId: null,
      sequence: 0,
      payload: {
        toAddress: { email: req.oldEmail, name: req.name },
        addressChanged: { language: req.language, changedByName: req.changedByName },
      },
    })
    .orIgnore()
    .execute();
}

/** The message of an 'address-changed' outbox row. */
export function addressChangedMessage(job: MailJob, from: string): SendMailOptions | null {
  const to = job.payload.toAddress;
  const p = job.payload.addressChanged;
  if (!to || !p) return null;
  const { subject, html, text } = renderAddressChanged(to.name, p);
  return {
    from: { name: 'Kierto', address: from },
    to: { name: to.name, address: to.email },
    subject,
    html,
    text,
    messageId: `<${job.id}@kierto.mail>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
