import { Get, Header, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { AccessPolicy } from '@kierto/access';
import { isLoopbackHost, KiertoConfig } from '@kierto/config';
import { outboxFolder } from '@kierto/mail';
import { Person } from '@kierto/network';
import { WebController, WebPerson, WebSession } from '../web/web.decorators';
import { WebRequest } from '../web/web-request';
import { PageRenderer } from './page-renderer';

/** The addresses in a message's To header (read from the head of the file only). */
export function recipientsOf(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16384);
    const head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    const headers = head.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const to = headers.split(/\r?\n/).find((line) => /^to:/i.test(line)) ?? '';
    return [...to.slice(3).matchAll(/[^\s<>,;"']+@[^\s<>,;"']+/g)].map((m) => m[0].toLowerCase());
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Without SMTP_URL, the emails Kierto would have sent, as .eml files. Gone when SMTP_URL is set. They
 * hold login links and personal links, so the page answers only a request from this computer
 * (loopback, also through a proxy) with a coordinator's session, and lists only the messages to that
 * coordinator and to the people of the series they coordinate. Everyone else gets 404.
 */
@WebController()
@WebSession()
export class DevOutboxController {
  constructor(
    private readonly config: KiertoConfig,
    private readonly pages: PageRenderer,
    private readonly policy: AccessPolicy,
  ) {}

  /** The files the caller may read, newest first; 404 unless the outbox is theirs to read at all. */
  private async readable(req: WebRequest, person: Person): Promise<{ folder: string; files: string[] }> {
    const refused = new NotFoundException('Not found');
    if (this.config.SMTP_URL) throw refused;
    // req.ip is the client as the trusted (loopback) proxies tell it; the socket is the direct peer.
    if (!isLoopbackHost(req.ip) || !isLoopbackHost(req.socket.remoteAddress)) throw refused;
    if (!(await this.policy.isCoordinator(person.id))) throw refused;
    const folder = outboxFolder(this.config);
    if (!fs.existsSync(folder)) return { folder, files: [] };
    const mine = await this.policy.outboxAddresses(person.id);
    const files = fs
      .readdirSync(folder)
      .filter((f) => /^[\w.-]+\.eml$/.test(f))
      .filter((f) => recipientsOf(path.join(folder, f)).some((to) => mine.has(to)))
      .sort()
      .reverse();
    return { folder, files };
  }

  @Get('dev/outbox')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@WebPerson() person: Person, @Req() req: WebRequest): Promise<string> {
    const { folder, files } = await this.readable(req, person);
    const rows = files.map((name) => ({ name, size: fs.statSync(path.join(folder, name)).size }));
    return this.pages.render('outbox', 'en', 'Outbox', { folder, files: rows });
  }

  @Get('dev/outbox/:file')
  async file(
    @WebPerson() person: Person,
    @Param('file') file: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { folder, files } = await this.readable(req, person);
    if (!files.includes(file)) throw new NotFoundException();
    res
      .set('Content-Type', 'message/rfc822')
      .set('Cache-Control', 'no-store')
      .sendFile(path.join(folder, file));
  }
}
