import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { Person } from '@kierto/network';
import {
  AcceptProposalDto,
  CreateProposalDto,
  DeclineProposalDto,
  MergeProposalDto,
  ProposalLinkResponse,
  ProposalPage,
  ProposalQuery,
  ProposalResponse,
  ProposalService,
} from '@kierto/minutes';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { CurrentPerson } from '../auth/current-person.decorator';
import { SeriesScoped } from '../auth/series-access.guard';

@ApiTags('proposals')
@CoordinatorApi()
@Controller()
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalService,
    private readonly config: KiertoConfig,
  ) {}

  @Post('series/:seriesId/proposals')
  @SeriesScoped('seriesId')
  @ApiCreatedResponse({
    type: ProposalResponse,
    description: 'A topic proposed by a member (or anonymously).',
  })
  async create(@Param('seriesId') id: string, @Body() dto: CreateProposalDto): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.proposals.create(id, dto));
  }

  @Get('series/:seriesId/proposals')
  @SeriesScoped('seriesId')
  @ApiOkResponse({ type: ProposalPage, description: 'Newest first.' })
  async list(@Param('seriesId') id: string, @Query() q: ProposalQuery): Promise<ProposalPage> {
    const page = await this.proposals.list(id, q);
    return { ...page, items: page.items.map((p) => ProposalResponse.from(p)) };
  }

  @Get('series/:seriesId/proposal-link')
  @SeriesScoped('seriesId')
  @ApiOkResponse({
    type: ProposalLinkResponse,
    description: 'The public links of the series.',
  })
  async link(@Param('seriesId') id: string): Promise<ProposalLinkResponse> {
    return this.links(await this.proposals.keyOf(id));
  }

  @Post('series/:seriesId/proposal-link')
  @SeriesScoped('seriesId')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalLinkResponse, description: 'New public links; the old ones stop working.' })
  async rotate(@Param('seriesId') id: string): Promise<ProposalLinkResponse> {
    return this.links((await this.proposals.rotateKey(id)).proposalKey);
  }

  private links(key: string): ProposalLinkResponse {
    const base = publicUrl(this.config);
    return { proposalUrl: `${base}/s/${key}`, noticeUrl: `${base}/s/${key}/notice` };
  }

  @Get('proposals/:proposalId')
  @SeriesScoped('proposalId', 'proposal')
  @ApiOkResponse({ type: ProposalResponse })
  async get(@Param('proposalId') id: string): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.proposals.get(id));
  }

  @Post('proposals/:proposalId/accept')
  @SeriesScoped('proposalId', 'proposal')
  @HttpCode(200)
  @ApiOkResponse({
    type: ProposalResponse,
    description: 'Put on the agenda of the given or the next meeting.',
  })
  async accept(
    @Param('proposalId') id: string,
    @Body() dto: AcceptProposalDto,
    @CurrentPerson() me: Person,
  ): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.proposals.accept(id, dto.meetingId, me.id));
  }

  @Post('proposals/:proposalId/merge')
  @SeriesScoped('proposalId', 'proposal')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse, description: 'Joined to an existing agenda item.' })
  async merge(
    @Param('proposalId') id: string,
    @Body() dto: MergeProposalDto,
    @CurrentPerson() me: Person,
  ): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.proposals.merge(id, dto.agendaItemId, me.id));
  }

  @Post('proposals/:proposalId/decline')
  @SeriesScoped('proposalId', 'proposal')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse, description: 'Declined with a reason the proposer is told.' })
  async decline(
    @Param('proposalId') id: string,
    @Body() dto: DeclineProposalDto,
    @CurrentPerson() me: Person,
  ): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.proposals.decline(id, dto.reason, me.id));
  }
}
