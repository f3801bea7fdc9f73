import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { describeDayRule } from '@kierto/rotation';
import { HH_MM, IsTimeZone } from './dto-helpers';
import { LANGUAGES, Language, Series } from './series.entity';

export class DayRuleDto {
  @ApiProperty({
    enum: [1, 2, 3, 4, -1],
    example: 2,
    description: 'Which weekday of the month: 1-4, or -1 for the last.',
  })
  @IsIn([1, 2, 3, 4, -1], { message: 'nth must be 1, 2, 3, 4 or -1 (the last)' })
  nth: 1 | 2 | 3 | 4 | -1;

  @ApiProperty({ minimum: 1, maximum: 7, example: 2, description: 'ISO weekday: Monday = 1 … Sunday = 7.' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

export class CreateSeriesDto {
  @ApiProperty({ example: 'Kiertävä kokous, Helsinki' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ required: false, default: 'Europe/Helsinki', example: 'Europe/Helsinki' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiProperty({ enum: [1, 2, 3], example: 1, description: 'A meeting every 1, 2 or 3 months.' })
  @IsIn([1, 2, 3], { message: 'cadenceMonths must be 1, 2 or 3' })
  cadenceMonths: 1 | 2 | 3;

  @ApiProperty({ type: DayRuleDto, example: { nth: 2, weekday: 2 } })
  @IsDefined({ message: 'dayRule must be given, such as { "nth": 2, "weekday": 2 } for the second Tuesday' })
  @ValidateNested()
  @Type(() => DayRuleDto)
  dayRule: DayRuleDto;

  @ApiProperty({ example: '14:00', description: 'Local start time in the series timezone, HH:mm.' })
  @Matches(HH_MM, { message: 'startTime must be a time HH:mm, such as 14:00' })
  startTime: string;

  @ApiProperty({ minimum: 15, maximum: 600, example: 120 })
  @IsInt()
  @Min(15)
  @Max(600)
  durationMinutes: number;

  @ApiProperty({ enum: LANGUAGES, required: false, default: 'fi', example: 'fi' })
  @IsOptional()
  @IsIn(LANGUAGES)
  defaultLanguage?: Language;

  @ApiProperty({ required: false, minimum: 0, maximum: 120, default: 21, example: 21 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  invitationLeadDays?: number;

  @ApiProperty({
    required: false,
    type: [Number],
    default: [7, 1],
    example: [7, 1],
    description: 'Days before the meeting when reminders go out.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(60, { each: true })
  reminderDays?: number[];

  @ApiProperty({
    required: false,
    default: false,
    description:
      'Whether the printable "you said, we did" notice (/s/{key}/notice) is open to anyone with the link. ' +
      'Off: only the coordinators and staff of the series see it.',
  })
  @IsOptional()
  @IsBoolean()
  publicFeedback?: boolean;

  @ApiProperty({
    required: false,
    default: false,
    description:
      'true: the series starts in its guided setup (the browser pages /series/{id}/setup/…) and no meeting ' +
      'is proposed until a coordinator starts the rotation there (POST /series/{id}/meetings/next answers 409 ' +
      'meanwhile). Left out or false: the series is started at once, as before.',
  })
  @IsOptional()
  @IsBoolean()
  setup?: boolean;
}

export class UpdateSeriesDto extends PartialType(OmitType(CreateSeriesDto, ['setup'] as const)) {}

export class DayRuleResponse extends DayRuleDto {
  @ApiProperty({ example: { fi: 'toinen tiistai', sv: 'andra tisdagen', en: 'second Tuesday' } })
  description: Record<Language, string>;
}

export class SeriesResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Kiertävä kokous, Helsinki' }) name: string;
  @ApiProperty({ example: 'Europe/Helsinki' }) timezone: string;
  @ApiProperty({ example: 1 }) cadenceMonths: number;
  @ApiProperty({ type: DayRuleResponse }) dayRule: DayRuleResponse;
  @ApiProperty({ example: '14:00' }) startTime: string;
  @ApiProperty({ example: 120 }) durationMinutes: number;
  @ApiProperty({ example: 'fi', enum: LANGUAGES }) defaultLanguage: Language;
  @ApiProperty({ example: 21 }) invitationLeadDays: number;
  @ApiProperty({ example: [7, 1], type: [Number] }) reminderDays: number[];
  @ApiProperty({ example: false }) publicFeedback: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'When the rotation was started; null while the series is in its guided setup (no meeting is proposed).',
  })
  setupCompletedAt: string | null;
  @ApiProperty() createdAt: string;

  static from(s: Series): SeriesResponse {
    const rule = { nth: s.dayRuleNth, weekday: s.dayRuleWeekday };
    return {
      id: s.id,
      name: s.name,
      timezone: s.timezone,
      cadenceMonths: s.cadenceMonths,
      dayRule: {
        ...rule,
        description: {
          fi: describeDayRule(rule, 'fi'),
          sv: describeDayRule(rule, 'sv'),
          en: describeDayRule(rule, 'en'),
        },
      },
      startTime: s.startTime,
      durationMinutes: s.durationMinutes,
      defaultLanguage: s.defaultLanguage,
      invitationLeadDays: s.invitationLeadDays,
      reminderDays: s.reminderDays,
      publicFeedback: s.publicFeedback,
      setupCompletedAt: s.setupCompletedAt ? s.setupCompletedAt.toISOString() : null,
      createdAt: s.createdAt.toISOString(),
    };
  }
}

export class SeriesPage {
  @ApiProperty({ type: [SeriesResponse] }) items: SeriesResponse[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 50 }) limit: number;
  @ApiProperty({ example: 0 }) offset: number;
}
