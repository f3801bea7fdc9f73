import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, KiertoConfig } from '@kierto/config';
import { DatabaseModule } from '@kierto/database';
import { MeetingsModule } from '@kierto/meetings';
import { MailModule } from '@kierto/mail';
import { ActionDueTask, DispatchMailTask, ReminderTask } from './mail.tasks';
import { MinutesModule } from '@kierto/minutes';
import { NetworkModule } from '@kierto/network';
import { PERIODIC_TASKS, PeriodicTask } from './periodic-task';
import { ProposalTask } from './proposal.task';
import { RetentionTask } from './retention.task';
import { WorkerLoop } from './worker-loop';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [KiertoConfig],
      useFactory: (c: KiertoConfig) => ({
        pinoHttp: { level: c.LOG_LEVEL, customProps: () => ({ app: 'kierto-worker' }) },
      }),
    }),
    DatabaseModule,
    MailModule,
    NetworkModule,
    MeetingsModule,
    MinutesModule,
  ],
  providers: [
    ProposalTask,
    ReminderTask,
    DispatchMailTask,
    ActionDueTask,
    RetentionTask,
    {
      provide: PERIODIC_TASKS,
      inject: [ProposalTask, ReminderTask, ActionDueTask, DispatchMailTask, RetentionTask],
      useFactory: (...tasks: PeriodicTask[]) => tasks,
    },
    WorkerLoop,
  ],
  exports: [WorkerLoop],
})
export class WorkerModule {}
