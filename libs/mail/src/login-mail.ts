import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { Injectable } from '@nestjs/common';
import { Language, Person } from '@kierto/network';

type Texts = Record<'subject' | 'greeting' | 'intro' | 'button' | 'validity' | 'notYou' | 'linkHelp', string>;

/** The login email in plain words; `{minutes}` is replaced with the link's lifetime. */
export const LOGIN_MAIL_TEXTS: Record<Language, Texts> = {
  fi: {
    subject: 'Kirjautumislinkki Kiertoon',
    greeting: 'Hei',
    intro: 'Pyysit linkkiä, jolla pääset Kiertoon.',
    button: 'Kirjaudu Kiertoon',
    validity: 'Linkki toimii {minutes} minuuttia ja vain kerran.',
    notYou:
      'Jos et pyytänyt linkkiä, sinun ei tarvitse tehdä mitään. Kukaan ei pääse sisään ilman tätä linkkiä.',
    linkHelp: 'Jos painike ei toimi, kopioi tämä osoite selaimeen:',
  },
  sv: {
    subject: 'Inloggningslänk till Kierto',
    greeting: 'Hej',
    intro: 'Du bad om en länk för att logga in i Kierto.',
    button: 'Logga in i Kierto',
    validity: 'Länken fungerar i {minutes} minuter och bara en gång.',
    notYou: 'Om du inte bad om länken behöver du inte göra något. Ingen kan logga in utan den här länken.',
    linkHelp: 'Om knappen inte fungerar, kopiera den här adressen till webbläsaren:',
  },
  en: {
    subject: 'Your login link for Kierto',
    greeting: 'Hello',
    intro: 'You asked for a link to log in to Kierto.',
    button: 'Log in to Kierto',
    validity: 'The link works for {minutes} minutes and only once.',
    notYou: 'If you did not ask for this link, you do not need to do anything. Nobody can log in without it.',
    linkHelp: 'If the button does not work, copy this address into your browser:',
  },
};

type InviteTexts = Record<'subject' | 'intro' | 'validity' | 'notYou', string>;

/** The same email when a coordinator invites a colleague: `{series}`, `{inviter}`, `{days}` are replaced. */
export const INVITE_MAIL_TEXTS: Record<Language, InviteTexts> = {
  fi: {
    subject: 'Kutsu koordinaattoriksi: {series}',
    intro:
      '{inviter} kutsui sinut koordinoimaan kiertävää kokousta "{series}". Kun kirjaudut tästä linkistä, olet sarjan koordinaattori ja näet sen etusivulla: seuraavan kokouksen, asetukset ja kutsut.',
    validity:
      'Linkki toimii {days} päivää ja vain kerran. Jos se ehtii vanhentua, pyydä uusi linkki Kierron kirjautumissivulta tällä sähköpostiosoitteella: kutsu on yhä voimassa.',
    notYou: 'Jos et tunne kutsujaa, sinun ei tarvitse tehdä mitään.',
  },
  sv: {
    subject: 'Inbjudan att bli koordinator: {series}',
    intro:
      '{inviter} bjöd in dig att koordinera det roterande mötet "{series}". När du loggar in med den här länken är du koordinator för serien och ser den på startsidan: nästa möte, inställningarna och inbjudningarna.',
    validity:
      'Länken fungerar i {days} dagar och bara en gång. Om den hinner gå ut, be om en ny länk på Kiertos inloggningssida med den här e-postadressen: inbjudan gäller fortfarande.',
    notYou: 'Om du inte känner den som bjöd in dig behöver du inte göra något.',
  },
  en: {
    subject: 'You are invited to coordinate: {series}',
    intro:
      '{inviter} invited you to coordinate the rotating meeting "{series}". When you log in with this link you are a coordinator of the series and see it on your home page: the next meeting, the settings and the invitations.',
    validity:
      'The link works for {days} days and only once. If it runs out, ask for a new link on the Kierto login page with this email address: the invitation still stands.',
    notYou: 'If you do not know the person who invited you, you do not need to do anything.',
  },
};

export interface LoginMailInvite {
  seriesName: string;
  inviterName: string;
  days: number;
}

export const LOGIN_TEMPLATES_DIR = path.join(__dirname, '..', 'templates');

/**
 * Renders the login-link email (html + text, strict Handlebars, compiled once). It is sent through
 * the outbox like every other mail (`OutboxService.enqueueLogin`), rendered when it is sent.
 */
@Injectable()
export class LoginMail {
  private readonly hb = Handlebars.create();
  private readonly html: HandlebarsTemplateDelegate;
  private readonly text: HandlebarsTemplateDelegate;

  constructor() {
    const read = (f: string) => fs.readFileSync(path.join(LOGIN_TEMPLATES_DIR, f), 'utf8');
    this.html = this.hb.compile(read('login-link.hbs'), { strict: true });
    this.text = this.hb.compile(read('login-link.txt.hbs'), { strict: true, noEscape: true });
  }

  render(
    person: Pick<Person, 'displayName' | 'preferredLanguage'>,
    url: string,
    minutes: number,
    invite?: LoginMailInvite | null,
  ) {
    const lang: Language = LOGIN_MAIL_TEXTS[person.preferredLanguage] ? person.preferredLanguage : 'fi';
    const base = LOGIN_MAIL_TEXTS[lang];
    let t = { ...base, validity: base.validity.replace('{minutes}', String(minutes)) };
    if (invite) {
      const fill = (s: string) =>
        s
          .replace(/\{series\}/g, () => invite.seriesName)
          .replace(/\{inviter\}/g, () => invite.inviterName)
          .replace(/\{days\}/g, () => String(invite.days));
      const it = INVITE_MAIL_TEXTS[lang];
      t = {
        ...t,
        subject: fill(it.subject),
        intro: fill(it.intro),
        validity: fill(it.validity),
        notYou: fill(it.notYou),
      };
    }
    const data = { lang, t, name: person.displayName, url };
    return { subject: t.subject, html: this.html(data), text: this.text(data) };
  }
}
