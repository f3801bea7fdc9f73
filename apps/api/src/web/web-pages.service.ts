import { Injectable } from '@nestjs/common';
import { Response } from 'express';
import { KiertoConfig } from '@kierto/config';
import { Language, LANGUAGES } from '@kierto/network';
import { Crumb, PageRenderer } from '../pages/page-renderer';
import { LANGUAGE_NAMES, WEB_TEXTS, WebTexts } from '../pages/web-texts';
import { WebCookies } from './cookies';
import { CsrfService } from './csrf.service';
import { WebRequest } from './web-request';

export interface PageContent {
  title: string;
  data?: object;
  /** The breadcrumb after "Etusivu" (series, meeting…), the page itself last with `href: null`. */
  crumbs?: Crumb[];
}

const isLanguage = (v: unknown): v is Language =>
  typeof v === 'string' && (LANGUAGES as string[]).includes(v);

/**
 * Sends browser pages: picks the language, adds the CSRF token and the layout's header, and marks
 * every page `Cache-Control: no-store` (they show personal data, or lead to it).
 */
@Injectable()
export class WebPages {
  constructor(
    private readonly renderer: PageRenderer,
    private readonly csrf: CsrfService,
    private readonly config: KiertoConfig,
  ) {}

  /**
   * `?lang=` (remembered in a cookie), else the remembered choice, else the person's own language,
   * else Finnish.
   */
  language(req: WebRequest, res: Response): Language {
    const cookies = new WebCookies(req, this.config);
    const asked = req.query?.lang;
    if (isLanguage(asked)) {
      cookies.set(res, 'lang', asked, 365 * 24 * 3600);
      return asked;
    }
    const remembered = cookies.get('lang');
    if (isLanguage(remembered)) return remembered;
    const own = req.webSession?.person.preferredLanguage;
    return isLanguage(own) ? own : 'fi';
  }

  async send(
    req: WebRequest,
    res: Response,
    view: string,
    build: (t: WebTexts, lang: Language) => PageContent | Promise<PageContent>,
    status = 200,
  ): Promise<void> {
    const lang = this.language(req, res);
    const t = WEB_TEXTS[lang];
    const csrf = this.csrf.token(req, res);
    const { title, data = {}, crumbs = [] } = await build(t, lang);
    const person = req.webSession?.person;
    const html = this.renderer.render(
      view,
      lang,
      title,
      { t, csrf, ...data },
      {
        person: person ? { name: person.displayName } : null,
        csrf,
        // An answer to a form (POST) has no address of its own to switch language on.
        languages:
          req.method === 'GET'
            ? LANGUAGE_NAMES.map(({ code, name }) => ({
                code,
                name,
                href: `${req.path}?lang=${code}`,
                current: code === lang,
              }))
            : null,
        // Logged-in pages say where they are: the dashboard first, then what the page gave (or,
        // on a page that gave nothing, its title).
        crumbs: person
          ? req.path === '/' && !crumbs.length
            ? [{ label: t.crumbHome, href: null }]
            : [
                { label: t.crumbHome, href: '/' },
                ...(crumbs.length ? crumbs : [{ label: title, href: null }]),
              ]
          : [],
      },
    );
    res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
  }

  /** A short page: a heading, one sentence and an optional link. */
  message(
    req: WebRequest,
    res: Response,
    build: (t: WebTexts) => {
      heading: string;
      text: string;
      tone?: 'ok' | 'warn';
      link?: { href: string; label: string };
    },
    status = 200,
  ): Promise<void> {
    return this.send(
      req,
      res,
      'web-message',
      (t) => {
        const m = build(t);
        return {
          title: m.heading,
          data: { heading: m.heading, text: m.text, tone: m.tone ?? null, link: m.link ?? null },
        };
      },
      status,
    );
  }
}
