import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { MeetingService } from '@kierto/meetings';
import { DeliveryService } from '@kierto/mail';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { SeriesScoped } from '../auth/series-access.guard';

class RecipientResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'Mikko' }) displayName: string;
  @ApiProperty({ enum: ['staff', 'service_user', 'guest'] }) personKind: string;
  @ApiProperty({ enum: ['fi', 'sv', 'en'] }) language: string;
}

class OtherRecipientResponse extends RecipientResponse {
  @ApiProperty({
    enum: ['no-email', 'no-consent', 'unsubscribed'],
    description: 'Why this person gets no email.',
  })
  reason: string;
}

class RecipientsResponse {
  @ApiProperty({ type: [RecipientResponse], description: 'Members who get the invitation by email.' })
  email: RecipientResponse[];
  @ApiProperty({
    type: [OtherRecipientResponse],
    description: 'Members to reach another way (link, print, phone).',
  })
  other: OtherRecipientResponse[];
}

class DeliveryResponse {
  @ApiProperty({ enum: ['invitation', 'update', 'cancellation', 'reminder'] }) kind: string;
  @ApiProperty({ description: 'Calendar SEQUENCE of the message.' }) sequence: number;
  @ApiProperty({ enum: ['queued', 'sending', 'retrying', 'sent', 'failed', 'superseded'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, example: '451: Try again later' }) lastError: string | null;
  @ApiProperty({ nullable: true, description: 'When retrying: the next attempt.' }) nextAttemptAt:
    string | null;
  @ApiProperty({ nullable: true }) sentAt: string | null;
}

class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['staff', 'service_user', 'guest'] }) personKind: string;
  @ApiProperty({ enum: ['yes', 'no', 'maybe'], nullable: true }) answer: string | null;
  @ApiProperty({ nullable: true }) note: string | null;
  @ApiProperty({ nullable: true }) answeredAt: string | null;
  @ApiProperty({ enum: ['email', 'other'] }) reachedBy: string;
  @ApiProperty({ nullable: true, enum: ['no-email', 'no-consent', 'unsubscribed'] }) notEmailedReason:
    string | null;
  @ApiProperty({ type: [DeliveryResponse] }) deliveries: DeliveryResponse[];
  @ApiProperty({ description: 'True when some message to this person needed more than one attempt.' })
  neededRetries: boolean;
}

class AnswerCountResponse {
  @ApiProperty() yes: number;
  @ApiProperty() no: number;
  @ApiProperty() maybe: number;
  @ApiProperty({ description: 'Not answered yet.' }) none: number;
}

class CountsResponse {
  @ApiProperty({ type: AnswerCountResponse }) staff: AnswerCountResponse;
  @ApiProperty({ type: AnswerCountResponse }) service_user: AnswerCountResponse;
  @ApiProperty({ type: AnswerCountResponse }) guest: AnswerCountResponse;
}

class InvitationsResponse {
  @ApiProperty({ type: CountsResponse }) counts: CountsResponse;
  @ApiProperty({ type: [InvitationResponse] }) invitations: InvitationResponse[];
}

@ApiTags('invitations')
@CoordinatorApi()
@Controller('meetings/:meetingId')
export class InvitationsController {
  constructor(
    private readonly meetings: MeetingService,
    private readonly delivery: DeliveryService,
  ) {}

  @Get('recipients')
  @SeriesScoped('meetingId', 'meeting')
  @ApiOkResponse({
    type: RecipientsResponse,
    description: 'Before sending: who gets email, who must be reached another way.',
  })
  async recipients(@Param('meetingId') id: string): Promise<RecipientsResponse> {
    return this.delivery.recipients(await this.meetings.get(id));
  }

  @Get('invitations')
  @SeriesScoped('meetingId', 'meeting')
  @ApiOkResponse({
    type: InvitationsResponse,
    description: 'Answers with counts by kind, and delivery per email.',
  })
  async invitations(@Param('meetingId') id: string): Promise<InvitationsResponse> {
    return this.delivery.invitations(await this.meetings.get(id));
  }
}
