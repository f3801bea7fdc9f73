export * from './meeting.entity';
export * from './meeting-hooks';
export * from './meeting.dto';
export * from './meeting.service';
export * from './rotation.service';
export * from './meetings.module';
export * from './clock';
