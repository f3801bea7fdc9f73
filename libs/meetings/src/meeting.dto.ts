import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { HH_MM, IsCalendarDate, PageQuery, Unit } from '@kierto/network';
import { toLocalParts } from '@kierto/rotation';
import { Meeting, MeetingStatus } from './meeting.entity';

export const MEETING_STATUSES: MeetingStatus[] = ['draft', 'confirmed', 'cancelled'];

export class UpdateMeetingDto {
  @ApiProperty({ required: false, example: '2027-02-16', description: 'New local date (series timezone).' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiProperty({ required: false, example: '15:00', description: 'New local start time HH:mm.' })
  @IsOptional()
  @Matches(HH_MM, { message: 'startTime must be a time HH:mm, such as 14:00' })
  startTime?: string;

  @ApiProperty({ required: false, example: 120 })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(600)
  durationMinutes?: number;

  @ApiProperty({ required: false, format: 'uuid', description: 'Override the host chosen by the rotation.' })
  @IsOptional()
  @IsUUID()
  hostUnitId?: string;

  @ApiProperty({
    required: false,
    example: 'Sovatek has a bigger room for the joint meeting.',
    description: 'Required when hostUnitId changes the host; recorded and shown with the meeting.',
  })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  hostOverrideReason?: string;
}

export class CancelMeetingDto {
  @ApiProperty({ required: false, example: 'The host unit is closed because of a water leak.' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  reason?: string;
}

export class MeetingQuery extends PageQuery {
  @ApiProperty({ required: false, enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @ApiProperty({
    required: false,
    example: '2027-01-01',
    description: 'Meetings on or after this local date.',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiProperty({
    required: false,
    example: '2027-12-31',
    description: 'Meetings on or before this local date.',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  hostUnitId?: string;
}

export class MeetingHostResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'A-klinikka Sörnäinen' }) name: string;
  @ApiProperty({ example: 'Hämeentie 10, 00530 Helsinki' }) streetAddress: string;
  @ApiProperty({ nullable: true }) accessibilityNotes: string | null;
}

export class SkippedUnitResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: ['inactive', 'unavailable'] }) reason: string;
}

export class RotationNoteResponse {
  @ApiProperty({ example: '2027-04-06', description: 'The date the day rule gave before any move.' })
  ruleDate: string;
  @ApiProperty({
    type: [String],
    example: ['2027-04-06'],
    description: 'Dates skipped because of a public holiday.',
  })
  movedForHoliday: string[];
  @ApiProperty({ type: [String], example: [], description: 'Dates skipped because no unit could host.' })
  movedForNoHost: string[];
  @ApiProperty({
    type: [SkippedUnitResponse],
    description: 'Units whose turn it was but who could not host; they are owed a turn.',
  })
  skipped: SkippedUnitResponse[];
}

export class MeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty({ example: 7, description: 'Running number within the series.' }) number: number;
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty({ example: '2027-01-12', description: 'Local date in the series timezone.' }) date: string;
  @ApiProperty({ example: '14:00' }) startTime: string;
  @ApiProperty({ example: '16:00' }) endTime: string;
  @ApiProperty({ example: 'Europe/Helsinki' }) timezone: string;
  @ApiProperty({ example: '2027-01-12T12:00:00.000Z' }) startsAt: string;
  @ApiProperty({ example: '2027-01-12T14:00:00.000Z' }) endsAt: string;
  @ApiProperty({ type: MeetingHostResponse }) host: MeetingHostResponse;
  @ApiProperty({ nullable: true, description: 'Why a coordinator chose the host instead of the rotation.' })
  hostOverrideReason: string | null;
  @ApiProperty({ type: RotationNoteResponse, nullable: true }) rotation: RotationNoteResponse | null;
  @ApiProperty({ example: 'b1946ac9-…@kierto' }) icalUid: string;
  @ApiProperty({ example: 0 }) icalSequence: number;
  @ApiProperty({ nullable: true }) cancelReason: string | null;

  static from(m: Meeting, timezone: string, host: Unit): MeetingResponse {
    const start = toLocalParts(m.startsAt, timezone);
    const end = toLocalParts(m.endsAt, timezone);
    return {
      id: m.id,
      seriesId: m.seriesId,
      number: m.number,
      status: m.status,
      date: m.localDate,
      startTime: start.time,
      endTime: end.time,
      timezone,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      host: {
        id: host.id,
        name: host.name,
        streetAddress: host.streetAddress,
        accessibilityNotes: host.accessibilityNotes,
      },
      hostOverrideReason: m.hostOverrideReason,
      rotation: m.rotationNote,
      icalUid: m.icalUid,
      icalSequence: m.icalSequence,
      cancelReason: m.cancelReason,
    };
  }
}

export class MeetingPage {
  @ApiProperty({ type: [MeetingResponse] }) items: MeetingResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class RotationOrderDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['6f1c…', '0a2b…'],
    description: 'Unit ids in rotation order.',
  })
  @Type(() => String)
  @IsUUID('all', { each: true })
  unitIds: string[];
}

export class RotationEntryResponse {
  @ApiProperty() position: number;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Meetings hosted (non-cancelled), overrides included.' }) hosted: number;
  @ApiProperty({ description: 'Turns counted as hosted because the unit joined later.' }) credit: number;
  @ApiProperty({
    description: 'Turns this unit is behind the others: it hosts at its next available meeting.',
  })
  owed: number;
}

export class RotationResponse {
  @ApiProperty({ type: [RotationEntryResponse] }) units: RotationEntryResponse[];
}
