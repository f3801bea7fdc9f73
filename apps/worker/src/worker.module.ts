import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, KiertoConfig } from '@kierto/config';
import { DatabaseModule } from '@kierto/database';
import { MeetingsModule } from '@kierto/meetings';
import { NetworkModule } from '@kierto/network';
import { PERIODIC_TASKS } from './periodic-task';
import { ProposalTask } from './proposal.task';
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
    NetworkModule,
    MeetingsModule,
  ],
  providers: [
    ProposalTask,
    { provide: PERIODIC_TASKS, inject: [ProposalTask], useFactory: (...tasks: ProposalTask[]) => tasks },
    WorkerLoop,
  ],
  exports: [WorkerLoop],
})
export class WorkerModule {}
