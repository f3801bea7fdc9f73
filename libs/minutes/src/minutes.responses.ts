import { ApiProperty } from '@nestjs/swagger';
import { ActionItem, ActionItemEvent, ActionStatus } from './action-item.entity';
import { AgendaItem, AGENDA_ITEM_KINDS, AgendaItemKind } from './agenda-item.entity';
import { Minutes, MinutesComment, MINUTES_STATUSES, MinutesStatus } from './minutes.entity';
import { PRIVACY_CHECKLIST, PrivacyWarning } from './privacy-check';
import { StandingTopic } from './standing-topic.entity';
import { ProposalStatus, TopicProposal } from './topic-proposal.entity';
import { MinutesChange } from './minutes.service';

export class StandingTopicResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: Number }) timeBoxMinutes: number | null;
  @ApiProperty() position: number;
  @ApiProperty() active: boolean;

  static from(t: StandingTopic): StandingTopicResponse {
    const { id, seriesId, title, description, timeBoxMinutes, position, active } = t;
    return { id, seriesId, title, description, timeBoxMinutes, position, active };
  }
}

export class AgendaItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Set for items under the review item.',
  })
  parentId: string | null;
  @ApiProperty() position: number;
  @ApiProperty({ enum: AGENDA_ITEM_KINDS }) kind: AgendaItemKind;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: Number }) timeBoxMinutes: number | null;
  @ApiProperty({ nullable: true, type: String }) presenter: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) standingTopicId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) proposalId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actionItemId: string | null;

  static from(a: AgendaItem): AgendaItemResponse {
    const { id, meetingId, parentId, position, kind, title, description, timeBoxMinutes, presenter } = a;
    return {
      id,
      meetingId,
      parentId,
      position,
      kind,
      title,
      description,
      timeBoxMinutes,
      presenter,
      standingTopicId: a.standingTopicId,
      proposalId: a.proposalId,
      actionItemId: a.actionItemId,
    };
  }
}

export class AgendaResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({
    type: [AgendaItemResponse],
    description: 'Top-level items in order, each followed by its children.',
  })
  items: AgendaItemResponse[];
}

export class ProposalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) proposerId: string | null;
  @ApiProperty() notifyProposer: boolean;
  @ApiProperty({ enum: ['pending', 'accepted', 'merged', 'declined'] }) status: ProposalStatus;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agendaItemId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(p: TopicProposal): ProposalResponse {
    return {
      id: p.id,
      seriesId: p.seriesId,
      title: p.title,
      description: p.description,
      anonymous: p.anonymous,
      proposerId: p.proposerId,
      notifyProposer: p.notifyProposer,
      status: p.status,
      decisionReason: p.decisionReason,
      agendaItemId: p.agendaItemId,
      decidedAt: p.decidedAt?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
    };
  }
}

export class ProposalPage {
  @ApiProperty({ type: [ProposalResponse] }) items: ProposalResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class ProposalLinkResponse {
  @ApiProperty({ description: 'The anonymous proposal form; print it or share it.' }) proposalUrl: string;
  @ApiProperty({ description: 'The printable "you said, we did" notice (A4).' }) noticeUrl: string;
}

class MinutesItemResponse {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agendaItemId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() notes: string;
  @ApiProperty() decisions: string;
}

class NamedAttendee {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() name: string;
}

class StaffAttendee extends NamedAttendee {
  @ApiProperty({ nullable: true, type: String }) unit: string | null;
}

class AttendanceResponse {
  @ApiProperty({ type: [StaffAttendee] }) staff: StaffAttendee[];
  @ApiProperty({ type: [NamedAttendee] }) guests: NamedAttendee[];
  @ApiProperty({ type: [NamedAttendee], description: 'Only those who agreed to be named.' })
  namedServiceUsers: NamedAttendee[];
  @ApiProperty({ description: 'Every service user present, named or not.' }) serviceUserCount: number;
}

class ChecklistEntry {
  @ApiProperty() key: string;
  @ApiProperty() fi: string;
  @ApiProperty() sv: string;
  @ApiProperty() en: string;
  @ApiProperty() checked: boolean;
}

class PrivacyWarningResponse {
  @ApiProperty({ description: 'Index into items.' }) item: number;
  @ApiProperty({ enum: ['title', 'notes', 'decisions'] }) field: string;
  @ApiProperty() match: string;
  @ApiProperty({ enum: ['dose', 'medicine', 'identity-code', 'phone-number', 'service-user-name'] })
  reason: string;
  @ApiProperty({
    description:
      'A valid personal identity code: circulating, approving and publishing answer 409 until removed.',
  })
  blocking: boolean;
}

class MinutesChangeResponse {
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['title', 'notes', 'decisions', 'added', 'removed', 'attendance'] }) field: string;
  @ApiProperty({ nullable: true, type: String }) before: string | null;
  @ApiProperty({ nullable: true, type: String }) after: string | null;
}

export class MinutesResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: MINUTES_STATUSES }) status: MinutesStatus;
  @ApiProperty({ description: 'Published and a newer published correction exists.' }) superseded: boolean;
  @ApiProperty({ type: [MinutesItemResponse] }) items: MinutesItemResponse[];
  @ApiProperty({ type: AttendanceResponse }) attendance: AttendanceResponse;
  @ApiProperty({
    type: [ChecklistEntry],
    description: 'Confirm every entry before circulating or approving.',
  })
  privacyChecklist: ChecklistEntry[];
  @ApiProperty({
    type: [PrivacyWarningResponse],
    description: 'Text that looks like treatment details or identifiers of one person: check and remove.',
  })
  warnings: PrivacyWarning[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) correctionOfId: string | null;
  @ApiProperty({ nullable: true, type: String }) correctionNote: string | null;
  @ApiProperty({ type: [MinutesChangeResponse], description: 'For a correction: what changed.' })
  changes: MinutesChange[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) circulatedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['coordinator', 'next-meeting'] }) approvedBy:
    string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;

  static from(m: Minutes, warnings: PrivacyWarning[], changes: MinutesChange[]): MinutesResponse {
    return {
      id: m.id,
      meetingId: m.meetingId,
      seriesId: m.seriesId,
      version: m.version,
      status: m.status,
      superseded: !!m.supersededAt,
      items: m.items,
      attendance: m.attendance,
      privacyChecklist: PRIVACY_CHECKLIST.map((c) => ({ ...c, checked: m.privacyChecked.includes(c.key) })),
      warnings,
      correctionOfId: m.correctionOfId,
      correctionNote: m.correctionNote,
      changes,
      circulatedAt: m.circulatedAt?.toISOString() ?? null,
      approvedAt: m.approvedAt?.toISOString() ?? null,
      approvedBy: m.approvedBy,
      publishedAt: m.publishedAt?.toISOString() ?? null,
    };
  }
}

export class MinutesVersionSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: MINUTES_STATUSES }) status: MinutesStatus;
  @ApiProperty() superseded: boolean;
  @ApiProperty({ nullable: true, type: String }) correctionNote: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;

  static from(m: Minutes): MinutesVersionSummary {
    return {
      id: m.id,
      version: m.version,
      status: m.status,
      superseded: !!m.supersededAt,
      correctionNote: m.correctionNote,
      publishedAt: m.publishedAt?.toISOString() ?? null,
    };
  }
}

export class MeetingMinutesResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({
    type: MinutesResponse,
    nullable: true,
    description: 'The newest version; null before the first draft.',
  })
  current: MinutesResponse | null;
  @ApiProperty({ type: [MinutesVersionSummary], description: 'Every version, newest first.' })
  versions: MinutesVersionSummary[];
}

export class MinutesCommentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() authorName: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(c: MinutesComment): MinutesCommentResponse {
    return { id: c.id, authorName: c.authorName, body: c.body, createdAt: c.createdAt.toISOString() };
  }
}

export class MinutesArchiveEntry {
  @ApiProperty({ format: 'uuid' }) minutesId: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty() meetingNumber: number;
  @ApiProperty({ example: '2027-01-12' }) date: string;
  @ApiProperty({ format: 'uuid' }) hostUnitId: string;
  @ApiProperty() hostName: string;
  @ApiProperty({ type: [String], description: 'Agenda item titles.' }) topics: string[];
  @ApiProperty({ type: [String] }) decisions: string[];
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

export class MinutesArchivePage {
  @ApiProperty({ type: [MinutesArchiveEntry] }) items: MinutesArchiveEntry[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class ActionItemEventResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['created', 'status', 'outcome', 'assigned', 'due-date', 'comment'] }) type: string;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;

  static from(e: ActionItemEvent): ActionItemEventResponse {
    return {
      at: e.at.toISOString(),
      type: e.type,
      actorName: e.actorName,
      from: e.fromValue,
      to: e.toValue,
      comment: e.comment,
    };
  }
}

export class ActionItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agendaItemId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ format: 'uuid' }) ownerUnitId: string;
  @ApiProperty({ nullable: true, type: String }) ownerUnitName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assigneeId: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-03-01' }) dueDate: string | null;
  @ApiProperty({ enum: ['open', 'in_progress', 'done', 'dropped'] }) status: ActionStatus;
  @ApiProperty({ description: 'Open or in progress and past its due date.' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: String }) publicOutcome: string | null;
  @ApiProperty({ enum: ['service_user', 'unit', 'meeting'] }) raisedByKind: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) raisedByUnitId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) raisedByPersonId: string | null;
  @ApiProperty() notifyRaiser: boolean;
  @ApiProperty() forServiceUsers: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [ActionItemEventResponse], required: false, description: 'On single-item reads.' })
  history?: ActionItemEventResponse[];

  static from(a: ActionItem, overdue: boolean, history?: ActionItemEvent[]): ActionItemResponse {
    return {
      id: a.id,
      seriesId: a.seriesId,
      meetingId: a.meetingId,
      agendaItemId: a.agendaItemId,
      title: a.title,
      description: a.description,
      ownerUnitId: a.ownerUnitId,
      ownerUnitName: a.ownerUnit?.name ?? null,
      assigneeId: a.assigneeId,
      assigneeName: a.assignee?.displayName ?? null,
      dueDate: a.dueDate,
      status: a.status,
      overdue,
      publicOutcome: a.publicOutcome,
      raisedByKind: a.raisedByKind,
      raisedByUnitId: a.raisedByUnitId,
      raisedByPersonId: a.raisedByPersonId,
      notifyRaiser: a.notifyRaiser,
      forServiceUsers: a.forServiceUsers,
      closedAt: a.closedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      ...(history ? { history: history.map((e) => ActionItemEventResponse.from(e)) } : {}),
    };
  }
}

export class ActionItemPage {
  @ApiProperty({ type: [ActionItemResponse] }) items: ActionItemResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

class FeedbackItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['open', 'in_progress', 'done', 'dropped'] }) status: ActionStatus;
  @ApiProperty({ nullable: true, type: String }) publicOutcome: string | null;
  @ApiProperty() raisedByServiceUser: boolean;
  @ApiProperty({ example: '2027-01-12' }) raisedOn: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class FeedbackMeeting {
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: '2027-03-09' }) date: string;
  @ApiProperty() hostName: string;
  @ApiProperty() streetAddress: string;
  @ApiProperty({ nullable: true, type: String }) accessibilityNotes: string | null;
}

export class FeedbackResponse {
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty() seriesName: string;
  @ApiProperty({ type: FeedbackMeeting, nullable: true, description: 'The next confirmed meeting.' })
  nextMeeting: FeedbackMeeting | null;
  @ApiProperty({ type: [FeedbackItemResponse], description: 'Done first, then in progress, open, dropped.' })
  items: FeedbackItemResponse[];
  @ApiProperty() proposalUrl: string;
  @ApiProperty() noticeUrl: string;
}

class SearchHitResponse {
  @ApiProperty({ enum: ['minutes', 'agenda_item', 'action_item'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) refId: string;
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) meetingId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'HTML: text escaped, the matched words in <mark>.' }) snippet: string;
  @ApiProperty() rank: number;
}

export class SearchPage {
  @ApiProperty({ type: [SearchHitResponse] }) items: SearchHitResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiProperty({
    enum: ['voikko', 'snowball'],
    description: 'Voikko: Finnish base forms and compound parts.',
  })
  engine: string;
}
