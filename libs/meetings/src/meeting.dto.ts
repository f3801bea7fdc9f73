import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { HH_MM, IsCalendarDate, PageQuery, Unit } from '@kierto/network';
import {
  explainMove,
  finnishHolidayName,
  moveKind,
  MoveKind,
  parseIsoDate,
  toLocalParts,
} from '@kierto/rotation';
import { Meeting, MeetingStatus, MoveAcknowledgement } from './meeting.entity';

export const MEETING_STATUSES: MeetingStatus[] = ['draft', 'confirmed', 'cancelled'];
export const MOVE_ACKNOWLEDGEMENTS: MoveAcknowledgement[] = ['holiday', 'unitUnavailable', 'otherMeeting'];

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

  @ApiProperty({
    required: false,
    example: 'Tilat ovat vapaina vain tiistaina.',
    description: 'Why the date moves; recorded and shown with the meeting ("coordinator\'s choice").',
  })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  moveReason?: string;

  @ApiProperty({
    required: false,
    isArray: true,
    enum: MOVE_ACKNOWLEDGEMENTS,
    example: ['holiday'],
    description:
      'A move onto a Finnish holiday, a day the host unit cannot host or the day of another meeting of the series is refused (400 on `acknowledge`) unless acknowledged here.',
  })
  @IsOptional()
  @IsArray()
  @IsIn(MOVE_ACKNOWLEDGEMENTS, { each: true })
  acknowledge?: MoveAcknowledgement[];
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

export class HolidayResponse {
  @ApiProperty({ example: '2026-12-24' }) date: string;
  @ApiProperty({ example: 'jouluaatto', description: 'The Finnish name.' }) name: string;
  @ApiProperty({ example: { fi: 'jouluaatto', sv: 'julafton', en: 'Christmas Eve' } })
  names: { fi: string; sv: string; en: string };
}

export class MoveTextResponse {
  @ApiProperty({ example: 'Kokous on viikkoa aiempana kuin tavallisesti, koska 24.12. on jouluaatto.' })
  fi: string;
  @ApiProperty({ example: 'Mötet är en vecka tidigare än vanligt, eftersom 24.12. är julafton.' }) sv: string;
  @ApiProperty({ example: 'The meeting is a week earlier than usual, because 24 December is Christmas Eve.' })
  en: string;
}

export class MeetingCycleResponse {
  @ApiProperty({ example: '2026-12', description: 'The cycle (nominal month) the meeting belongs to.' })
  month: string;
  @ApiProperty({ example: '2026-12-24', description: 'The day rule’s date in that month, before any move.' })
  ruleDate: string;
}

export class MeetingMoveResponse {
  @ApiProperty({
    enum: ['holiday', 'unitUnavailable', 'coordinator', 'startTime'],
    description:
      'Why the meeting is not on its rule date at the usual time: a holiday, no unit could host, a coordinator moved it, or the start time did not exist that night.',
  })
  kind: MoveKind;
  @ApiProperty({ example: '2026-12-24' }) ruleDate: string;
  @ApiProperty({ type: [HolidayResponse], description: 'The holidays the date was moved off.' })
  holidays: HolidayResponse[];
  @ApiProperty({ nullable: true, description: 'The coordinator’s reason, when a coordinator moved it.' })
  reason: string | null;
  @ApiProperty({
    type: MoveTextResponse,
    description: 'The explanation in words, as the page and emails show it.',
  })
  text: MoveTextResponse;
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
  @ApiProperty({ type: [HolidayResponse], description: 'movedForHoliday with the holidays’ names.' })
  holidays: HolidayResponse[];
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
  @ApiProperty({ type: MeetingCycleResponse }) cycle: MeetingCycleResponse;
  @ApiProperty({
    type: MeetingMoveResponse,
    nullable: true,
    description: 'Why the meeting is not on its usual day or time; null when it is.',
  })
  move: MeetingMoveResponse | null;
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
      rotation: m.rotationNote
        ? { ...m.rotationNote, holidays: m.rotationNote.movedForHoliday.map(holidayResponse) }
        : null,
      cycle: { month: m.cycleMonth, ruleDate: m.ruleDate },
      move: meetingMove(m),
      icalUid: m.icalUid,
      icalSequence: m.icalSequence,
      cancelReason: m.cancelReason,
    };
  }
}

function holidayResponse(date: string): HolidayResponse {
  const h = finnishHolidayName(parseIsoDate(date));
  return { date, name: h?.fi ?? '', names: { fi: h?.fi ?? '', sv: h?.sv ?? '', en: h?.en ?? '' } };
}

/** The facts the explanation of a meeting's move is built from (the page and the emails use it too). */
export function moveFacts(m: Meeting) {
  const note = m.rotationNote;
  return {
    ruleDate: m.ruleDate,
    date: m.localDate,
    movedForHoliday: note?.movedForHoliday ?? [],
    movedForNoHost: note?.movedForNoHost ?? [],
    coordinator: m.moveNote ? { reason: m.moveNote.reason } : null,
    startTime: note?.startTime ?? null,
  };
}

/** Why the meeting is not on its usual day or time, in words (fi, sv, en); null when it is. */
export function meetingMove(m: Meeting): MeetingMoveResponse | null {
  const facts = moveFacts(m);
  const kind = moveKind(facts);
  if (!kind) return null;
  return {
    kind,
    ruleDate: m.ruleDate,
    holidays:
      kind === 'holiday' || kind === 'unitUnavailable' ? facts.movedForHoliday.map(holidayResponse) : [],
    reason: kind === 'coordinator' ? (m.moveNote?.reason ?? null) : null,
    text: {
      fi: explainMove(facts, 'fi') ?? '',
      sv: explainMove(facts, 'sv') ?? '',
      en: explainMove(facts, 'en') ?? '',
    },
  };
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
  @IsArray()
  @ArrayMinSize(1, { message: 'a series needs at least one unit to rotate: list one or more unit ids' })
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
  @ApiProperty({
    description: 'Meetings this unit hosts that have not taken place yet (not counted in hosted).',
  })
  scheduled: number;
}

export class RotationResponse {
  @ApiProperty({ type: [RotationEntryResponse] }) units: RotationEntryResponse[];
}
