import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { Person } from '@kierto/network';
import { AccessPolicy } from '@kierto/access';
import {
  FeedbackResponse,
  FeedbackService,
  ProposalService,
  SearchPage,
  SearchQueryDto,
} from '@kierto/minutes';
import { SearchService } from '@kierto/search';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { CurrentPerson } from '../auth/current-person.decorator';
import { Allow, SeriesScoped } from '../auth/series-access.guard';

@ApiTags('you said, we did; search')
@CoordinatorApi()
@Controller()
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly proposals: ProposalService,
    private readonly search: SearchService,
    private readonly policy: AccessPolicy,
    private readonly config: KiertoConfig,
  ) {}

  @Get('series/:seriesId/you-said-we-did')
  @SeriesScoped('seriesId')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({
    type: FeedbackResponse,
    description:
      'Action items raised by or for service users, with their public outcome; and the next meeting.',
  })
  async youSaidWeDid(@Param('seriesId') id: string): Promise<FeedbackResponse> {
    const view = await this.feedback.view(id);
    const key = await this.proposals.keyOf(id);
    const base = publicUrl(this.config);
    const next = view.nextMeeting;
    return {
      seriesId: view.series.id,
      seriesName: view.series.name,
      nextMeeting: next
        ? {
            startsAt: next.meeting.startsAt.toISOString(),
            endsAt: next.meeting.endsAt.toISOString(),
            date: next.meeting.localDate,
            hostName: next.host.name,
            streetAddress: next.host.streetAddress,
            accessibilityNotes: next.host.accessibilityNotes,
          }
        : null,
      items: view.items.map((i) => ({ ...i, updatedAt: i.updatedAt.toISOString() })),
      proposalUrl: `${base}/s/${key}`,
      noticeUrl: `${base}/s/${key}/notice`,
    };
  }

  @Get('search')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({
    type: SearchPage,
    description:
      'Full-text search over published minutes, agenda items and action items of the series you coordinate or are staff in.',
  })
  async find(@Query() q: SearchQueryDto, @CurrentPerson() me: Person): Promise<SearchPage> {
    const mine = await this.policy.readableSeriesIds(me.id);
    const seriesIds = q.seriesId ? mine.filter((s) => s === q.seriesId) : mine;
    const result = await this.search.search({ seriesIds, query: q.q, limit: q.limit, offset: q.offset });
    return {
      items: result.items,
      total: result.total,
      limit: q.limit,
      offset: q.offset,
      engine: result.engine,
    };
  }
}
