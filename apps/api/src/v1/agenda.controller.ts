import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AgendaItemResponse,
  AgendaResponse,
  AgendaService,
  CreateAgendaItemDto,
  CreateStandingTopicDto,
  ReorderAgendaDto,
  StandingTopicResponse,
  StandingTopicService,
  UpdateAgendaItemDto,
  UpdateStandingTopicDto,
} from '@kierto/minutes';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { Allow, SeriesScoped } from '../auth/series-access.guard';

@ApiTags('agenda')
@CoordinatorApi()
@Controller()
export class AgendaController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly topics: StandingTopicService,
  ) {}

  @Get('series/:seriesId/standing-topics')
  @SeriesScoped('seriesId')
  @ApiOkResponse({ type: [StandingTopicResponse], description: 'Topics every new agenda starts with.' })
  async listTopics(@Param('seriesId') id: string): Promise<StandingTopicResponse[]> {
    return (await this.topics.list(id)).map((t) => StandingTopicResponse.from(t));
  }

  @Post('series/:seriesId/standing-topics')
  @SeriesScoped('seriesId')
  @ApiCreatedResponse({ type: StandingTopicResponse })
  async createTopic(
    @Param('seriesId') id: string,
    @Body() dto: CreateStandingTopicDto,
  ): Promise<StandingTopicResponse> {
    return StandingTopicResponse.from(await this.topics.create(id, dto));
  }

  @Patch('standing-topics/:topicId')
  @SeriesScoped('topicId', 'standingTopic')
  @ApiOkResponse({ type: StandingTopicResponse })
  async updateTopic(
    @Param('topicId') id: string,
    @Body() dto: UpdateStandingTopicDto,
  ): Promise<StandingTopicResponse> {
    return StandingTopicResponse.from(await this.topics.update(id, dto));
  }

  @Delete('standing-topics/:topicId')
  @SeriesScoped('topicId', 'standingTopic')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; agendas made earlier keep the item.' })
  async removeTopic(@Param('topicId') id: string): Promise<void> {
    await this.topics.remove(id);
  }

  @Get('meetings/:meetingId/agenda')
  @SeriesScoped('meetingId', 'meeting')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({ type: AgendaResponse })
  async get(@Param('meetingId') id: string): Promise<AgendaResponse> {
    return { meetingId: id, items: (await this.agenda.list(id)).map((i) => AgendaItemResponse.from(i)) };
  }

  @Post('meetings/:meetingId/agenda')
  @SeriesScoped('meetingId', 'meeting')
  @ApiCreatedResponse({ type: AgendaItemResponse, description: 'Added at the end of the agenda.' })
  async add(@Param('meetingId') id: string, @Body() dto: CreateAgendaItemDto): Promise<AgendaItemResponse> {
    return AgendaItemResponse.from(await this.agenda.add(id, dto));
  }

  @Put('meetings/:meetingId/agenda/order')
  @SeriesScoped('meetingId', 'meeting')
  @ApiOkResponse({ type: AgendaResponse })
  async reorder(@Param('meetingId') id: string, @Body() dto: ReorderAgendaDto): Promise<AgendaResponse> {
    return {
      meetingId: id,
      items: (await this.agenda.reorder(id, dto.itemIds)).map((i) => AgendaItemResponse.from(i)),
    };
  }

  @Patch('agenda-items/:itemId')
  @SeriesScoped('itemId', 'agendaItem')
  @ApiOkResponse({ type: AgendaItemResponse })
  async update(@Param('itemId') id: string, @Body() dto: UpdateAgendaItemDto): Promise<AgendaItemResponse> {
    return AgendaItemResponse.from(await this.agenda.update(id, dto));
  }

  @Delete('agenda-items/:itemId')
  @SeriesScoped('itemId', 'agendaItem')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed. The review item and items with action items stay (409).' })
  async remove(@Param('itemId') id: string): Promise<void> {
    await this.agenda.remove(id);
  }
}
