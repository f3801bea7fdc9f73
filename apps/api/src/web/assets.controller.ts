import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import fs from 'node:fs';
import path from 'node:path';

const ASSETS = path.join(__dirname, '..', 'pages', 'assets');
/**
 * kierto.css first, then every other stylesheet of the folder (one per area of the pages, e.g.
 * meeting.css) in name order, served as one file.
 */
const STYLESHEET = [
  'kierto.css',
  ...fs
    .readdirSync(ASSETS)
    .filter((f) => f.endsWith('.css') && f !== 'kierto.css')
    .sort(),
]
  .map((f) => `/* ${f} */\n${fs.readFileSync(path.join(ASSETS, f), 'utf8')}`)
  .join('\n');

/** The one stylesheet of the pages (the CSP allows no inline styles). Read once at start. */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  @Get('kierto.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  stylesheet(): string {
    return STYLESHEET;
  }
}
