import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { Injectable } from '@nestjs/common';
import { Language, LANGUAGES } from '@kierto/network';
import { WEB_TEXTS } from './web-texts';

/** What the layout shows around a page: who is logged in, the logout form, the language switch. */
export interface PageChrome {
  person: { name: string } | null;
  /** CSRF token for the forms of the layout (logout); null on pages without a session. */
  csrf: string | null;
  languages: { code: Language; name: string; href: string; current: boolean }[] | null;
  /** Where the page is (Etusivu › series › meeting); the last one, the page itself, has no link. */
  crumbs: Crumb[];
}

/** One step of the breadcrumb; `href` null for the page itself. */
export interface Crumb {
  label: string;
  href: string | null;
}

/** The series in a breadcrumb: its card on the dashboard, which links to every page of the series. */
export const seriesCrumb = (seriesId: string) => `/#series-${seriesId}`;

const NO_CHROME: PageChrome = { person: null, csrf: null, languages: null, crumbs: [] };

/**
 * Server-rendered pages: one layout, views and partials (files starting with `_`) compiled once at
 * start, strict mode (a missing field throws instead of rendering empty).
 */
@Injectable()
export class PageRenderer {
  private readonly hbs = Handlebars.create();
  private readonly layout: HandlebarsTemplateDelegate;
  private readonly views = new Map<string, HandlebarsTemplateDelegate>();

  constructor() {
    const dir = path.join(__dirname, 'views');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      const template = this.hbs.compile(fs.readFileSync(path.join(dir, file), 'utf8'), { strict: true });
      const name = file.replace(/\.hbs$/, '');
      if (name.startsWith('_')) this.hbs.registerPartial(name.slice(1), template);
      else this.views.set(name, template);
    }
    this.layout = this.views.get('layout') as HandlebarsTemplateDelegate;
  }

  render(view: string, lang: string, title: string, data: object, chrome: PageChrome = NO_CHROME): string {
    const template = this.views.get(view);
    if (!template) throw new Error(`No view ${view}`);
    const language = (LANGUAGES as string[]).includes(lang) ? (lang as Language) : 'fi';
    return this.layout({ lang, title, body: template(data), t: WEB_TEXTS[language], chrome });
  }
}
