import { Global, Module } from '@nestjs/common';
import { MEETING_AGENDA, MEETING_CREATED, MeetingsModule } from '@kierto/meetings';
import { SearchModule } from '@kierto/search';
import { ActionItemService } from './action-item.service';
import { AgendaService } from './agenda.service';
import { FeedbackService } from './feedback.service';
import { MinutesNotices } from './minutes-notices';
import { MinutesReader } from './minutes-reader';
import { MinutesSearch } from './minutes-search';
import { MinutesService } from './minutes.service';
import { ProposalService } from './proposal.service';
import { StandingTopicService } from './standing-topic.service';
import { CoordinatorHandover } from './coordinator-handover.service';

/**
 * Agendas, topic proposals, minutes and action items: the memory of the practice. Global so that
 * MeetingsModule sees MEETING_CREATED (a new meeting starts its agenda in the same transaction).
 */
@Global()
@Module({
  imports: [SearchModule, MeetingsModule],
  providers: [
    AgendaService,
    { provide: MEETING_CREATED, useExisting: AgendaService },
    { provide: MEETING_AGENDA, useExisting: AgendaService },
    StandingTopicService,
    ProposalService,
    MinutesService,
    ActionItemService,
    FeedbackService,
    MinutesNotices,
    MinutesSearch,
    MinutesReader,
    CoordinatorHandover,
  ],
  exports: [
    AgendaService,
    MEETING_CREATED,
    MEETING_AGENDA,
    StandingTopicService,
    ProposalService,
    MinutesService,
    ActionItemService,
    FeedbackService,
    MinutesReader,
    CoordinatorHandover,
  ],
})
export class MinutesModule {}
