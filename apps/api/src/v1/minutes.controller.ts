import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { HttpStatus } from '@nestjs/common';
import { Person } from '@kierto/network';
import {
  ApproveMinutesDto,
  CommentDto,
  CorrectMinutesDto,
  MeetingMinutesResponse,
  Minutes,
  MinutesArchiveDto,
  MinutesArchivePage,
  MinutesCommentResponse,
  MinutesResponse,
  MinutesService,
  MinutesVersionSummary,
  SaveMinutesDto,
} from '@kierto/minutes';
import { UnitService } from '@kierto/network';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { CurrentPerson } from '../auth/current-person.decorator';
import { Allow, CallerRole, SeriesScoped } from '../auth/series-access.guard';

@ApiTags('minutes')
@CoordinatorApi()
@Controller()
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly units: UnitService,
  ) {}

  private async respond(m: Minutes): Promise<MinutesResponse> {
    return MinutesResponse.from(m, await this.minutes.warnings(m), await this.minutes.changes(m));
  }

  /** Staff see the versions sent round for comments and later ones, never a draft. */
  private async meetingMinutes(meetingId: string, withDrafts = true): Promise<MeetingMinutesResponse> {
    const versions = (await this.minutes.versions(meetingId)).filter(
      (v) => withDrafts || v.status !== 'draft',
    );
    if (versions.length === 0) return { meetingId, current: null, versions: [] };
    return {
      meetingId,
      current: await this.respond(versions[0]),
      versions: versions.map((v) => MinutesVersionSummary.from(v)),
    };
  }

  @Get('meetings/:meetingId/minutes')
  @SeriesScoped('meetingId', 'meeting')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({ type: MeetingMinutesResponse, description: 'current is null before the first draft.' })
  get(@Param('meetingId') id: string, @CallerRole() role: string): Promise<MeetingMinutesResponse> {
    return this.meetingMinutes(id, role === 'coordinator');
  }

  @Put('meetings/:meetingId/minutes')
  @SeriesScoped('meetingId', 'meeting')
  @ApiOkResponse({ type: MinutesResponse, description: 'The open version was changed.' })
  @ApiCreatedResponse({ type: MinutesResponse, description: 'The first draft, made from the agenda.' })
  @ApiConflictResponse({ description: 'The newest version is approved or published: make a correction.' })
  async save(
    @Param('meetingId') id: string,
    @Body() dto: SaveMinutesDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MinutesResponse> {
    const { minutes, created } = await this.minutes.saveDraft(id, dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return this.respond(minutes);
  }

  @Get('minutes/:minutesId')
  @SeriesScoped('minutesId', 'minutes')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({ type: MinutesResponse })
  async one(@Param('minutesId') id: string): Promise<MinutesResponse> {
    return this.respond(await this.minutes.get(id));
  }

  @Patch('minutes/:minutesId')
  @SeriesScoped('minutesId', 'minutes')
  @ApiOkResponse({ type: MinutesResponse })
  @ApiConflictResponse({
    description:
      'Approved or published minutes are not edited in place (approved ones only to remove an identity code).',
  })
  async patch(@Param('minutesId') id: string, @Body() dto: SaveMinutesDto): Promise<MinutesResponse> {
    return this.respond(await this.minutes.saveVersion(id, dto));
  }

  @Post('minutes/:minutesId/circulate')
  @SeriesScoped('minutesId', 'minutes')
  @HttpCode(200)
  @ApiOkResponse({
    type: MinutesResponse,
    description: 'Sent round for comments; needs the privacy checklist.',
  })
  @ApiConflictResponse({
    description:
      'The text holds a personal identity code: `errors` names each place, e.g. `{ "field": "items[2].notes", "reasons": ["identity-code"] }`.',
  })
  async circulate(@Param('minutesId') id: string): Promise<MinutesResponse> {
    return this.respond(await this.minutes.circulate(id));
  }

  @Get('minutes/:minutesId/comments')
  @SeriesScoped('minutesId', 'minutes')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({ type: [MinutesCommentResponse] })
  async comments(@Param('minutesId') id: string): Promise<MinutesCommentResponse[]> {
    return (await this.minutes.comments(id)).map((c) => MinutesCommentResponse.from(c));
  }

  @Post('minutes/:minutesId/comments')
  @SeriesScoped('minutesId', 'minutes')
  @Allow('coordinator', 'staff')
  @ApiCreatedResponse({ type: MinutesCommentResponse, description: 'Only while circulated (else 409).' })
  async comment(
    @Param('minutesId') id: string,
    @Body() dto: CommentDto,
    @CurrentPerson() me: Person,
  ): Promise<MinutesCommentResponse> {
    return MinutesCommentResponse.from(await this.minutes.comment(id, dto.body, me));
  }

  @Post('minutes/:minutesId/approve')
  @SeriesScoped('minutesId', 'minutes')
  @HttpCode(200)
  @ApiOkResponse({
    type: MinutesResponse,
    description:
      'Approved. The open action items and pending proposals go onto the next meeting, and its host gets the handover email.',
  })
  @ApiConflictResponse({
    description:
      'The text holds a personal identity code: `errors` names each place, e.g. `{ "field": "items[2].notes", "reasons": ["identity-code"] }`.',
  })
  async approve(
    @Param('minutesId') id: string,
    @Body() dto: ApproveMinutesDto,
    @CurrentPerson() me: Person,
  ): Promise<MinutesResponse> {
    return this.respond(await this.minutes.approve(id, dto.by ?? 'coordinator', me));
  }

  @Post('minutes/:minutesId/publish')
  @SeriesScoped('minutesId', 'minutes')
  @HttpCode(200)
  @ApiOkResponse({
    type: MinutesResponse,
    description: 'Published: members are emailed; never edited again.',
  })
  @ApiConflictResponse({
    description:
      'The text holds a personal identity code: `errors` names each place, e.g. `{ "field": "items[2].notes", "reasons": ["identity-code"] }`.',
  })
  async publish(@Param('minutesId') id: string): Promise<MinutesResponse> {
    return this.respond(await this.minutes.publish(id));
  }

  @Post('minutes/:minutesId/corrections')
  @SeriesScoped('minutesId', 'minutes')
  @ApiCreatedResponse({ type: MinutesResponse, description: 'A new draft version; the published one stays.' })
  async correct(@Param('minutesId') id: string, @Body() dto: CorrectMinutesDto): Promise<MinutesResponse> {
    const { note, ...input } = dto;
    return this.respond(await this.minutes.correct(id, note, input));
  }

  @Get('series/:seriesId/minutes')
  @SeriesScoped('seriesId')
  @Allow('coordinator', 'staff')
  @ApiOkResponse({ type: MinutesArchivePage, description: 'Published minutes, newest meeting first.' })
  async archive(@Param('seriesId') id: string, @Query() q: MinutesArchiveDto): Promise<MinutesArchivePage> {
    const page = await this.minutes.archive(id, q);
    const hosts = await this.units.byIds(page.items.map((i) => i.meeting.hostUnitId));
    const items = page.items.map(({ minutes, meeting }) => ({
      minutesId: minutes.id,
      version: minutes.version,
      meetingId: meeting.id,
      meetingNumber: meeting.number,
      date: meeting.localDate,
      hostUnitId: meeting.hostUnitId,
      hostName: hosts.get(meeting.hostUnitId)?.name ?? '',
      topics: minutes.items.map((i) => i.title),
      decisions: minutes.items
        .filter((i) => i.decisions.trim())
        .map((i) => `${i.title}: ${i.decisions.trim()}`),
      publishedAt: (minutes.publishedAt as Date).toISOString(),
    }));
    return { ...page, items };
  }
}
