import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { Response } from 'express';
import { Person, SeriesService, Unit, UnitService } from '@kierto/network';
import {
  CancelMeetingDto,
  Meeting,
  MeetingPage,
  MeetingQuery,
  MeetingResponse,
  MeetingService,
  UpdateMeetingDto,
} from '@kierto/meetings';
import { SeriesScoped } from '../auth/series-access.guard';
import { CurrentPerson } from '../auth/current-person.decorator';
import { AccessPolicy } from '@kierto/access';

@ApiTags('meetings')
@CoordinatorApi()
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingService,
    private readonly series: SeriesService,
    private readonly units: UnitService,
    private readonly policy: AccessPolicy,
  ) {}

  private async respond(m: Meeting): Promise<MeetingResponse> {
    const [series, host] = await Promise.all([this.series.get(m.seriesId), this.units.get(m.hostUnitId)]);
    return MeetingResponse.from(m, series.timezone, host);
  }

  @Post('series/:seriesId/meetings/next')
  @SeriesScoped('seriesId')
  @ApiCreatedResponse({ type: MeetingResponse, description: 'A new draft was proposed.' })
  @ApiOkResponse({ type: MeetingResponse, description: 'The draft proposed earlier, unchanged.' })
  async next(
    @Param('seriesId') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeetingResponse> {
    const { meeting, created } = await this.meetings.proposeNext(id);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return this.respond(meeting);
  }

  @Get('series/:seriesId/meetings')
  @SeriesScoped('seriesId')
  @ApiOkResponse({ type: MeetingPage })
  async list(@Param('seriesId') id: string, @Query() q: MeetingQuery): Promise<MeetingPage> {
    const page = await this.meetings.list(id, q);
    // The series once and the hosts in one query, whatever the number of rows.
    const [series, hosts] = await Promise.all([
      this.series.get(id),
      this.units.byIds(page.items.map((m) => m.hostUnitId)),
    ]);
    return {
      ...page,
      items: page.items.map((m) => MeetingResponse.from(m, series.timezone, hosts.get(m.hostUnitId) as Unit)),
    };
  }

  @Get('meetings/:meetingId')
  @SeriesScoped('meetingId', 'meeting')
  @ApiOkResponse({ type: MeetingResponse })
  async get(@Param('meetingId') id: string): Promise<MeetingResponse> {
    return this.respond(await this.meetings.get(id));
  }

  @Patch('meetings/:meetingId')
  @SeriesScoped('meetingId', 'meeting')
  @ApiOkResponse({ type: MeetingResponse, description: 'Moved; a confirmed meeting gets a higher SEQUENCE.' })
  async update(
    @Param('meetingId') id: string,
    @Body() dto: UpdateMeetingDto,
    @CurrentPerson() me: Person,
  ): Promise<MeetingResponse> {
    return this.respond(await this.meetings.update(id, dto, await this.policy.visibleUnitIds(me.id)));
  }

  @Post('meetings/:meetingId/confirm')
  @SeriesScoped('meetingId', 'meeting')
  @ApiOkResponse({ type: MeetingResponse })
  @HttpCode(200)
  async confirm(@Param('meetingId') id: string): Promise<MeetingResponse> {
    return this.respond(await this.meetings.confirm(id));
  }

  @Post('meetings/:meetingId/cancel')
  @SeriesScoped('meetingId', 'meeting')
  @ApiOkResponse({ type: MeetingResponse })
  @HttpCode(200)
  async cancel(@Param('meetingId') id: string, @Body() dto: CancelMeetingDto): Promise<MeetingResponse> {
    return this.respond(await this.meetings.cancel(id, dto.reason));
  }
}
