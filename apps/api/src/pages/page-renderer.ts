import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { Injectable } from '@nestjs/common';

/** Server-rendered pages: one layout, templates compiled once at start, strict mode. */
@Injectable()
export class PageRenderer {
  private readonly hbs = Handlebars.create();
  private readonly layout: HandlebarsTemplateDelegate;
  private readonly views = new Map<string, HandlebarsTemplateDelegate>();

  constructor() {
    const dir = path.join(__dirname, 'views');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      this.views.set(
        file.replace(/\.hbs$/, ''),
        this.hbs.compile(fs.readFileSync(path.join(dir, file), 'utf8'), { strict: true }),
      );
    }
    this.layout = this.views.get('layout') as HandlebarsTemplateDelegate;
  }

  render(view: string, lang: string, title: string, data: object): string {
    const template = this.views.get(view);
    if (!template) throw new Error(`No view ${view}`);
    return this.layout({ lang, title, body: template(data) });
  }
}
