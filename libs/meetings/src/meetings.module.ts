import { Module } from '@nestjs/common';
import { MeetingService } from './meeting.service';
import { RotationService } from './rotation.service';

@Module({
  providers: [MeetingService, RotationService],
  exports: [MeetingService, RotationService],
})
export class MeetingsModule {}
