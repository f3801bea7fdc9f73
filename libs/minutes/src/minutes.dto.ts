import { ApiProperty, PartialType } from '@nestjs/swagger';
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
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, PageQuery } from '@kierto/network';
import { ACTION_STATUSES, ActionStatus, RAISED_BY_KINDS, RaisedByKind } from './action-item.entity';
import { PROPOSAL_STATUSES, ProposalStatus } from './topic-proposal.entity';
import { PRIVACY_KEYS } from './privacy-check';

// ---- Standing topics and agenda ----

export class CreateStandingTopicDto {
  @ApiProperty({ example: 'Seulakäytännöt' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ required: false, nullable: true, example: 'Miten seulat tehdään eri yksiköissä.' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 15, description: 'Minutes set aside.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(480)
  timeBoxMinutes?: number | null;

  @ApiProperty({ required: false, example: 1, description: 'Order among the standing topics.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;

  @ApiProperty({ required: false, default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateStandingTopicDto extends PartialType(CreateStandingTopicDto) {}

export class CreateAgendaItemDto {
  @ApiProperty({ example: 'Jonottaminen lääkkeenjakoon' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  description?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 20, description: 'Time box in minutes.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(480)
  timeBoxMinutes?: number | null;

  @ApiProperty({ required: false, nullable: true, example: 'Sovatek', description: 'Who presents.' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  presenter?: string | null;
}

export class UpdateAgendaItemDto extends PartialType(CreateAgendaItemDto) {}

export class ReorderAgendaDto {
  @ApiProperty({ type: [String], description: 'Every top-level agenda item id, in the new order.' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  itemIds: string[];
}

// ---- Proposals ----

export class CreateProposalDto {
  @ApiProperty({ example: 'Kotiannokset lomien aikana' })
  @IsString()
  @Length(3, 200)
  title: string;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  description?: string | null;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'The member who proposes. Leave out for an anonymous proposal.',
  })
  @IsOptional()
  @IsUUID()
  proposerId?: string;

  @ApiProperty({ required: false, default: true, description: 'Email the proposer when it is decided.' })
  @IsOptional()
  @IsBoolean()
  notifyProposer?: boolean;
}

export class ProposalQuery extends PageQuery {
  @ApiProperty({ required: false, enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;
}

export class AcceptProposalDto {
  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'The meeting whose agenda gets the topic; by default the next meeting.',
  })
  @IsOptional()
  @IsUUID()
  meetingId?: string;
}

export class MergeProposalDto {
  @ApiProperty({ format: 'uuid', description: 'The agenda item the proposal joins.' })
  @IsUUID()
  agendaItemId: string;
}

export class DeclineProposalDto {
  @ApiProperty({ example: 'Asia käsiteltiin viime kokouksessa.', description: 'Told to the proposer.' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

// ---- Minutes ----

export class MinutesItemDto {
  @ApiProperty({ required: false, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string | null;

  @ApiProperty({ example: 'Seulakäytännöt' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ required: false, example: 'Keskusteltiin seulojen aikatauluista.' })
  @IsOptional()
  @IsString()
  @Length(0, 20000)
  notes: string = '';

  @ApiProperty({ required: false, example: 'Seulojen aikataulu kerrotaan viikkoa ennen.' })
  @IsOptional()
  @IsString()
  @Length(0, 10000)
  decisions: string = '';
}

export class PresentPersonDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId: string;

  @ApiProperty({
    required: false,
    default: false,
    description: 'Service users only: they agreed to be named in the minutes. Otherwise they are counted.',
  })
  @IsOptional()
  @IsBoolean()
  agreedToBeNamed?: boolean;
}

export class AttendanceDto {
  @ApiProperty({ type: [PresentPersonDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => PresentPersonDto)
  present: PresentPersonDto[];

  @ApiProperty({ required: false, default: 0, description: 'Service users present who are not listed.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  unnamedServiceUsers?: number;
}

export class SaveMinutesDto {
  @ApiProperty({
    required: false,
    type: [MinutesItemDto],
    description: 'Notes and decisions per agenda item.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MinutesItemDto)
  items?: MinutesItemDto[];

  @ApiProperty({ required: false, type: AttendanceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttendanceDto)
  attendance?: AttendanceDto;

  @ApiProperty({
    required: false,
    type: [String],
    enum: PRIVACY_KEYS,
    description: 'The privacy checklist items the writer confirms. All are needed to circulate or approve.',
  })
  @IsOptional()
  @IsArray()
  @IsIn(PRIVACY_KEYS, { each: true })
  privacyChecked?: string[];
}

export class CorrectMinutesDto extends SaveMinutesDto {
  @ApiProperty({ example: 'Korjattu päätöksen päivämäärä.', description: 'What is corrected and why.' })
  @IsString()
  @Length(3, 1000)
  note: string;
}

export class ApproveMinutesDto {
  @ApiProperty({
    required: false,
    enum: ['coordinator', 'next-meeting'],
    default: 'coordinator',
    description: 'Approved by the coordinator, or by the next meeting as a standing item.',
  })
  @IsOptional()
  @IsIn(['coordinator', 'next-meeting'])
  by?: 'coordinator' | 'next-meeting';
}

export class CommentDto {
  @ApiProperty({ example: 'Kohta 3: päätös oli viikko, ei kaksi.' })
  @IsString()
  @Length(1, 4000)
  body: string;
}

export class MinutesArchiveDto extends PageQuery {
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  hostUnitId?: string;

  @ApiProperty({ required: false, example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiProperty({
    required: false,
    example: 'seula',
    description: 'Part of an agenda item title, or a standing topic id.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  topic?: string;
}

// ---- Action items ----

export class RaisedByDto {
  @ApiProperty({ enum: RAISED_BY_KINDS, example: 'service_user' })
  @IsIn(RAISED_BY_KINDS)
  kind: RaisedByKind;

  @ApiProperty({ required: false, nullable: true, format: 'uuid', description: 'For kind unit.' })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiProperty({ required: false, nullable: true, format: 'uuid', description: 'The member who raised it.' })
  @IsOptional()
  @IsUUID()
  personId?: string | null;
}

export class CreateActionItemDto {
  @ApiProperty({ example: 'Seulojen aikataulu tiedotetaan viikkoa etukäteen' })
  @IsString()
  @Length(3, 300)
  title: string;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  description?: string | null;

  @ApiProperty({ format: 'uuid', description: 'The unit that owns the item.' })
  @IsUUID()
  ownerUnitId: string;

  @ApiProperty({ required: false, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiProperty({ required: false, nullable: true, example: '2027-03-01' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiProperty({ type: RaisedByDto })
  @IsDefined({ message: 'raisedBy must say who raised it: { "kind": "service_user" | "unit" | "meeting" }' })
  @ValidateNested()
  @Type(() => RaisedByDto)
  raisedBy: RaisedByDto;

  @ApiProperty({ required: false, default: false, description: 'Email raisedBy.personId when it changes.' })
  @IsOptional()
  @IsBoolean()
  notifyRaiser?: boolean;

  @ApiProperty({
    required: false,
    description: 'Show on "you said, we did". Default: true when raised by a service user.',
  })
  @IsOptional()
  @IsBoolean()
  forServiceUsers?: boolean;
}

export class UpdateActionItemDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @Length(3, 300)
  title?: string;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  description?: string | null;

  @ApiProperty({ required: false, enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiProperty({
    required: false,
    nullable: true,
    example: 'Seulojen aikataulu kerrotaan nyt viikkoa ennen kaikissa yksiköissä.',
    description: 'One plain sentence for service users. Needed to close the item (done or dropped).',
  })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  publicOutcome?: string | null;

  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string;

  @ApiProperty({ required: false, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiProperty({ required: false, nullable: true, example: '2027-03-01' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiProperty({ required: false, description: 'A comment kept in the history with this change.' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  comment?: string;
}

export class ActionItemQueryDto extends PageQuery {
  @ApiProperty({ required: false, enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiProperty({ required: false, description: 'true: open and in progress only.' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';

  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string;
}

export class SearchQueryDto extends PageQuery {
  @ApiProperty({
    example: 'seulonta',
    description: 'Words to find; Finnish inflected forms and compound parts match.',
  })
  @IsString()
  @Length(1, 200)
  q: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'Only this series.' })
  @IsOptional()
  @IsUUID()
  seriesId?: string;
}
