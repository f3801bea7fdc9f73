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

  render(person: Pick<Person, 'displayName' | 'preferredLanguage'>, url: string, minutes: number) {
    const lang: Language = LOGIN_MAIL_TEXTS[person.preferredLanguage] ? person.preferredLanguage : 'fi';
    const base = LOGIN_MAIL_TEXTS[lang];
    const t = { ...base, validity: base.validity.replace('{minutes}', String(minutes)) };
    const data = { lang, t, name: person.displayName, url };
    return { subject: t.subject, html: this.html(data), text: this.text(data) };
  }
}
