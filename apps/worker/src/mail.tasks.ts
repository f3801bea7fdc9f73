import { Injectable } from '@nestjs/common';
import { MailDispatcher, ReminderService } from '@kierto/mail';
import { ActionItemService } from '@kierto/minutes';
import { PeriodicTask } from './periodic-task';

/** Rows claimed at a time: sent well within their lease (MAIL_LEASE_SECONDS) even by a slow server. */
const BATCH = 100;

/** Sends due outbox rows (new messages and retries whose time has come). */
@Injectable()
export class DispatchMailTask implements PeriodicTask {
  readonly name = 'dispatch-mail';
  constructor(private readonly dispatcher: MailDispatcher) {}

  async run(now: Date): Promise<number> {
    let total = 0;
    // Keep going while full batches come back, so a 2,000-person meeting goes out in one tick.
    for (;;) {
      const n = await this.dispatcher.dispatchDue(now, BATCH);
      total += n;
      if (n < BATCH) return total;
    }
  }
}

/** Puts due reminders into the outbox. */
@Injectable()
export class ReminderTask implements PeriodicTask {
  readonly name = 'reminders';
  constructor(private readonly reminders: ReminderService) {}

  run(now: Date): Promise<number> {
    return this.reminders.enqueueDue(now);
  }
}

/** Tells owners of action items due within a week (once per item, due date and person). */
@Injectable()
export class ActionDueTask implements PeriodicTask {
  readonly name = 'action-due';
  constructor(private readonly actions: ActionItemService) {}

  run(now: Date): Promise<number> {
    return this.actions.enqueueDueNotices(now);
  }
}
