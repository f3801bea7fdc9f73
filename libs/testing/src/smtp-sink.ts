import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import ICAL from 'ical.js';

export interface ReceivedMail {
  to: string;
  parsed: ParsedMail;
  raw: string;
}

export interface SinkFaults {
  /** Return an SMTP code (e.g. 451) to refuse this message, or undefined to accept it. */
  onData?: (n: number, session: SMTPServerSession) => number | undefined;
  /** Return true to drop the connection at RCPT TO (nothing is accepted). */
  dropAtRcpt?: (n: number) => boolean;
}

/** A real SMTP server on loopback that keeps and parses what it accepts (on `port`, or a free one). */
export async function startSmtpSink(faults: SinkFaults = {}, port = 0) {
  const received: ReceivedMail[] = [];
  let dataCount = 0;
  let rcptCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, session, callback) {
      rcptCount += 1;
      if (faults.dropAtRcpt?.(rcptCount)) {
        (session as unknown as { _socket?: { destroy(): void } })._socket?.destroy();
        const err = Object.assign(new Error('Connection dropped'), { responseCode: 421 });
        return callback(err);
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        dataCount += 1;
        const code = faults.onData?.(dataCount, session);
        if (code) return callback(Object.assign(new Error('Try again later'), { responseCode: code }));
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, parsed, raw });
        callback();
      });
    },
  });
  // A client that dies mid-session (a killed worker) resets its socket; that is the client's fault
  // under test, not an error of the sink.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${listening}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text/calendar part of a message, parsed with ical.js. */
export function calendarOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error('no text/calendar part');
  const comp = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const vevent = comp.getFirstSubcomponent('vevent') as ICAL.Component;
  return {
    method: String(comp.getFirstPropertyValue('method')),
    calendar: comp,
    vevent,
    event: new ICAL.Event(vevent),
    attendees: vevent.getAllProperties('attendee'),
  };
}
