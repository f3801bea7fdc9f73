import { Response } from 'express';
import { WEB_TEXTS, WebTexts } from '../pages/web-texts';

type Kind = 'unavailable' | 'badInput' | 'error' | 'notFound' | 'tooMany';

const KEYS: Record<Kind, [keyof WebTexts, keyof WebTexts]> = {
  unavailable: ['unavailableTitle', 'unavailableText'],
  badInput: ['badInputTitle', 'badInputText'],
  error: ['errorTitle', 'errorText'],
  notFound: ['notFoundTitle', 'notFoundText'],
  tooMany: ['tooManyTitle', 'tooManyText'],
};

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A page that needs nothing (no database, no session, no template): for errors before a page
 * controller runs (an unreadable form) and while the database is away. Finnish first, then Swedish
 * and English, since the person's language may not be known.
 */
export function plainPage(kind: Kind): string {
  const [title, text] = KEYS[kind];
  const section = (lang: 'fi' | 'sv' | 'en') =>
    `<section lang='${lang}'><h2>${escape(WEB_TEXTS[lang][title])}</h2><p>${escape(WEB_TEXTS[lang][text])}</p></section>`;
  return [
    '<!doctype html>',
    "<html lang='fi'>",
    "<head><meta charset='utf-8' /><meta name='viewport' content='width=device-width, initial-scale=1' />",
    `<title>${escape(WEB_TEXTS.fi[title])} – Kierto</title>`,
    "<link rel='stylesheet' href='/assets/kierto.css' /></head>",
    `<body><main><h1>Kierto</h1>${section('fi')}${section('sv')}${section('en')}</main></body>`,
    '</html>',
  ].join('\n');
}

export function plainKindOf(status: number): Kind {
  if (status === 503) return 'unavailable';
  if (status === 404) return 'notFound';
  if (status === 429) return 'tooMany';
  if (status >= 400 && status < 500) return 'badInput';
  return 'error';
}

export function sendPlainPage(res: Response, status: number): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(plainPage(plainKindOf(status)));
}
