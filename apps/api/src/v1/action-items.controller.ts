import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Person } from '@kierto/network';
import { AccessPolicy } from '@kierto/access';
import {
  ActionItem,
  ActionItemEventResponse,
  ActionItemPage,
  ActionItemQueryDto,
  ActionItemResponse,
  ActionItemService,
  CommentDto,
  CreateActionItemDto,
  UpdateActionItemDto,
} from '@kierto/minutes';
import { Page } from '@kierto/network';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { CurrentPerson } from '../auth/current-person.decorator';
import { Allow, SeriesScoped } from '../auth/series-access.guard';
import { IdParam } from '../http/id-param.pipe';

@ApiTags('action items')
@CoordinatorApi()
@Controller()
export class ActionItemsController {
  constructor(
    private readonly actions: ActionItemService,
    private readonly policy: AccessPolicy,
  ) {}

  private page(page: Page<ActionItem>): ActionItemPage {
    const today = this.actions.today();
    return {
      ...page,
      items: page.items.map((a) => ActionItemResponse.from(a, this.actions.isOverdue(a, today))),
    };
  }

  private query(q: ActionItemQueryDto) {
    return { ...q, open: q.open === 'true' };
  }

  @Post('agenda-items/:itemId/action-items')
  @SeriesScoped('itemId', 'agendaItem')
  @ApiCreatedResponse({
    type: ActionItemResponse,
    description: 'Raised from an agenda item; the owner unit is emailed.',
  })
  async create(
    @Param('itemId') id: string,
    @Body() dto: CreateActionItemDto,
    @CurrentPerson() me: Person,
  ): Promise<ActionItemResponse> {
    const item = await this.actions.create(id, dto, me);
    return ActionItemResponse.from(await this.actions.get(item.id), this.actions.isOverdue(item));
  }

  @Get('series/:seriesId/action-items')
  @SeriesScoped('seriesId')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({ type: ActionItemPage, description: 'Overdue first, then by due date.' })
  async list(@Param('seriesId') id: string, @Query() q: ActionItemQueryDto): Promise<ActionItemPage> {
    return this.page(await this.actions.list({ seriesIds: [id] }, this.query(q)));
  }

  @Get('meetings/:meetingId/action-items')
  @SeriesScoped('meetingId', 'meeting')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({ type: ActionItemPage, description: 'Raised at this meeting.' })
  async ofMeeting(@Param('meetingId') id: string, @Query() q: ActionItemQueryDto): Promise<ActionItemPage> {
    return this.page(await this.actions.list({ meetingId: id }, this.query(q)));
  }

  @Get('units/:unitId/action-items')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({
    type: ActionItemPage,
    description:
      "A unit's action items in the series you coordinate or are staff in, overdue first. ?open=true for open ones only.",
  })
  async ofUnit(
    @Param('unitId', IdParam) unitId: string,
    @Query() q: ActionItemQueryDto,
    @CurrentPerson() me: Person,
  ): Promise<ActionItemPage> {
    const seriesIds = await this.policy.readableSeriesIds(me.id);
    return this.page(await this.actions.list({ seriesIds, ownerUnitId: unitId }, this.query(q)));
  }

  @Get('action-items/:actionItemId')
  @SeriesScoped('actionItemId', 'actionItem')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({ type: ActionItemResponse, description: 'With its history of changes and comments.' })
  async get(@Param('actionItemId') id: string): Promise<ActionItemResponse> {
    const item = await this.actions.get(id);
    return ActionItemResponse.from(item, this.actions.isOverdue(item), await this.actions.history(id));
  }

  @Patch('action-items/:actionItemId')
  @SeriesScoped('actionItemId', 'actionItem')
  @Allow('coordinator', 'unitStaff')
  @ApiOkResponse({
    type: ActionItemResponse,
    description: 'Every change goes into the history. Closing (done, dropped) needs publicOutcome.',
  })
  async update(
    @Param('actionItemId') id: string,
    @Body() dto: UpdateActionItemDto,
    @CurrentPerson() me: Person,
  ): Promise<ActionItemResponse> {
    await this.actions.update(id, dto, me);
    const item = await this.actions.get(id);
    return ActionItemResponse.from(item, this.actions.isOverdue(item), await this.actions.history(id));
  }

  @Post('action-items/:actionItemId/comments')
  @SeriesScoped('actionItemId', 'actionItem')
  @Allow('coordinator', 'unitStaff')
  @ApiCreatedResponse({ type: ActionItemEventResponse })
  async comment(
    @Param('actionItemId') id: string,
    @Body() dto: CommentDto,
    @CurrentPerson() me: Person,
  ): Promise<ActionItemEventResponse> {
    return ActionItemEventResponse.from(await this.actions.comment(id, dto.body, me));
  }
}
