import { Global, Module } from '@nestjs/common';
import { KiertoConfig } from '@kierto/config';
import { MEETING_HOOKS } from '@kierto/meetings';
import { DeliveryService } from './delivery.service';
import { MailComposer } from './mail-composer';
import { MailDispatcher } from './mail-dispatcher.service';
import { LoginMail } from './login-mail';
import { MailRenderer } from './mail-renderer';
import { createTransport, MailTransport } from './mail-transport';
import { NoticeOutbox } from './notice-outbox.service';
import { OutboxService } from './outbox.service';
import { ReminderService } from './reminder.service';
import { RsvpService } from './rsvp.service';

/**
 * Email: the outbox (filled inside meeting transactions through MEETING_HOOKS, and by other domains
 * through NoticeOutbox), rendering, the transports, and the links people use without an account.
 * Global so that MeetingsModule sees the hooks and other domains can queue notices.
 */
@Global()
@Module({
  providers: [
    OutboxService,
    NoticeOutbox,
    { provide: MEETING_HOOKS, useExisting: OutboxService },
    MailRenderer,
    LoginMail,
    MailComposer,
    { provide: MailTransport, inject: [KiertoConfig], useFactory: (c: KiertoConfig) => createTransport(c) },
    MailDispatcher,
    ReminderService,
    RsvpService,
    DeliveryService,
  ],
  exports: [
    OutboxService,
    NoticeOutbox,
    MEETING_HOOKS,
    MailRenderer,
    MailComposer,
    MailTransport,
    MailDispatcher,
    ReminderService,
    RsvpService,
    DeliveryService,
  ],
})
export class MailModule {}
