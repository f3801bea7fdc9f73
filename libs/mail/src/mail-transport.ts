import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import { OnApplicationShutdown } from '@nestjs/common';
import { KiertoConfig } from '@kierto/config';

export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response?: string;
}

/** Where messages go: pooled SMTP when SMTP_URL is set, otherwise .eml files for development. */
export abstract class MailTransport implements OnApplicationShutdown {
  abstract send(message: SendMailOptions): Promise<SendResult>;
  abstract close(): Promise<void>;

  async onApplicationShutdown() {
    await this.close();
  }
}

export class SmtpTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    super();
    // nodemailer merges these options with what the url says (the url wins).
    this.transporter = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 3,
      maxMessages: 100,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    } as never);
  }

  async send(message: SendMailOptions): Promise<SendResult> {
    const info = await this.transporter.sendMail(message);
    return {
      messageId: info.messageId,
      accepted: (info.accepted ?? []).map(String),
      rejected: (info.rejected ?? []).map(String),
      response: info.response,
    };
  }

  async close() {
    this.transporter.close();
  }
}

/** Development: every message is written as an .eml file under DATA_DIR/outbox (listed at /dev/outbox). */
export class FileTransport extends MailTransport {
  private readonly transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  constructor(readonly folder: string) {
    super();
  }

  async send(message: SendMailOptions): Promise<SendResult> {
    const info = await this.transporter.sendMail(message);
    // Login links and personal links are in these files: only the account running Kierto reads them.
    await fs.mkdir(this.folder, { recursive: true, mode: 0o700 });
    await fs.chmod(this.folder, 0o700);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const id = String(info.messageId).replace(/[^\w.-]/g, '');
    await fs.writeFile(path.join(this.folder, `${stamp}-${id}.eml`), info.message as Buffer, { mode: 0o600 });
    const to = ([] as unknown[]).concat(message.to ?? []).map(String);
    return { messageId: info.messageId, accepted: to, rejected: [] };
  }

  async close() {}
}

export function outboxFolder(config: KiertoConfig): string {
  return path.resolve(config.DATA_DIR, 'outbox');
}

export function createTransport(config: KiertoConfig): MailTransport {
  return config.SMTP_URL ? new SmtpTransport(config.SMTP_URL) : new FileTransport(outboxFolder(config));
}
