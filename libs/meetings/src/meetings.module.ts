import { Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { MeetingService } from './meeting.service';
import { RotationService } from './rotation.service';

@Module({
  providers: [MeetingService, RotationService, { provide: Clock, useClass: SystemClock }],
  exports: [MeetingService, RotationService, Clock],
})
export class MeetingsModule {}
