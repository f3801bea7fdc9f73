import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import fs from 'node:fs';
import path from 'node:path';

const STYLESHEET = fs.readFileSync(path.join(__dirname, '..', 'pages', 'assets', 'kierto.css'), 'utf8');

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
