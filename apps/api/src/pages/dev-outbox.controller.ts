import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { KiertoConfig } from '@kierto/config';
import { outboxFolder } from '@kierto/mail';
import { PageRenderer } from './page-renderer';

/** Without SMTP_URL, the emails Kierto would have sent, as .eml files. Gone when SMTP_URL is set. */
@ApiExcludeController()
@Controller('dev/outbox')
export class DevOutboxController {
  constructor(
    private readonly config: KiertoConfig,
    private readonly pages: PageRenderer,
  ) {}

  private folder(): string {
    if (this.config.SMTP_URL)
      throw new NotFoundException('The development outbox is off when SMTP_URL is set');
    return outboxFolder(this.config);
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  list(): string {
    const folder = this.folder();
    const files = fs.existsSync(folder)
      ? fs
          .readdirSync(folder)
          .filter((f) => f.endsWith('.eml'))
          .sort()
          .reverse()
          .map((name) => ({ name, size: fs.statSync(path.join(folder, name)).size }))
      : [];
    return this.pages.render('outbox', 'en', 'Outbox', { folder, files });
  }

  @Get(':file')
  file(@Param('file') file: string, @Res() res: Response): void {
    const folder = this.folder();
    if (!/^[\w.-]+\.eml$/.test(file) || !fs.existsSync(path.join(folder, file)))
      throw new NotFoundException();
    res
      .set('Content-Type', 'message/rfc822')
      .set('Cache-Control', 'no-store')
      .sendFile(path.join(folder, file));
  }
}
