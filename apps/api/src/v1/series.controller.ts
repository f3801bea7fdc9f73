import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  CreateSeriesDto,
  MemberPage,
  MemberResponse,
  PageQuery,
  Person,
  PERSON_KINDS,
  PersonKind,
  PersonResponse,
  PersonService,
  SeriesPage,
  SeriesResponse,
  SeriesService,
  UpdateSeriesDto,
} from '@kierto/network';
import { RotationOrderDto, RotationResponse, RotationService } from '@kierto/meetings';
import { CurrentPerson } from '../auth/current-person.decorator';
import { SeesPerson, SeriesScoped } from '../auth/series-access.guard';
import { AccessPolicy } from '@kierto/access';
import { Audited, AuditContactView } from '../auth/audit.interceptor';

const ofSeries = (req: { params: Record<string, string> }) => `series:${req.params.seriesId}`;
import { IdParam } from '../http/id-param.pipe';

export class MemberQuery extends PageQuery {
  @ApiProperty({ required: false, enum: PERSON_KINDS })
  @IsOptional()
  @IsIn(PERSON_KINDS)
  kind?: PersonKind;

  @ApiProperty({ required: false, type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

@ApiTags('series')
@CoordinatorApi()
@Controller('series')
export class SeriesController {
  constructor(
    private readonly series: SeriesService,
    private readonly people: PersonService,
    private readonly rotation: RotationService,
    private readonly policy: AccessPolicy,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: SeriesResponse, description: 'The series; you become its coordinator.' })
  async create(@CurrentPerson() me: Person, @Body() dto: CreateSeriesDto): Promise<SeriesResponse> {
    return SeriesResponse.from(await this.series.create(me.id, dto));
  }

  @Get()
  @ApiOkResponse({ type: SeriesPage, description: 'The series you coordinate.' })
  async list(@CurrentPerson() me: Person, @Query() q: PageQuery): Promise<SeriesPage> {
    const page = await this.series.listFor(me.id, q);
    return { ...page, items: page.items.map(SeriesResponse.from) };
  }

  @Get(':seriesId')
  @SeriesScoped('seriesId')
  @ApiOkResponse({ type: SeriesResponse })
  async get(@Param('seriesId') id: string): Promise<SeriesResponse> {
    return SeriesResponse.from(await this.series.get(id));
  }

  @Patch(':seriesId')
  @SeriesScoped('seriesId')
  @ApiOkResponse({ type: SeriesResponse })
  async update(@Param('seriesId') id: string, @Body() dto: UpdateSeriesDto): Promise<SeriesResponse> {
    return SeriesResponse.from(await this.series.update(id, dto));
  }

  @Get(':seriesId/members')
  @SeriesScoped('seriesId')
  @AuditContactView(ofSeries)
  @ApiOkResponse({ type: MemberPage })
  async members(@Param('seriesId') id: string, @Query() q: MemberQuery): Promise<MemberPage> {
    const page = await this.people.members(id, q);
    return {
      ...page,
      items: page.items.map(({ person, membership }) => ({
        ...PersonResponse.from(person),
        active: membership.active,
        unsubscribedAt: membership.unsubscribedAt?.toISOString() ?? null,
      })),
    };
  }

  @Put(':seriesId/members/:personId')
  @SeriesScoped('seriesId')
  @SeesPerson('personId')
  @AuditContactView(ofSeries)
  @ApiOkResponse({
    type: MemberResponse,
    description: 'Adds the person to the series (or re-activates them).',
  })
  async addMember(
    @Param('seriesId') id: string,
    @Param('personId', IdParam) personId: string,
  ): Promise<MemberResponse> {
    const membership = await this.people.addMember(id, personId);
    return {
      ...PersonResponse.from(await this.people.get(personId)),
      active: membership.active,
      unsubscribedAt: membership.unsubscribedAt?.toISOString() ?? null,
    };
  }

  @Delete(':seriesId/members/:personId')
  @HttpCode(204)
  @SeriesScoped('seriesId')
  @ApiNoContentResponse({ description: 'The person is no longer an active member; history is kept.' })
  async removeMember(
    @Param('seriesId') id: string,
    @Param('personId', IdParam) personId: string,
  ): Promise<void> {
    await this.people.removeMember(id, personId);
  }

  @Get(':seriesId/coordinators')
  @SeriesScoped('seriesId')
  @AuditContactView(ofSeries)
  @ApiOkResponse({ type: [PersonResponse] })
  async coordinators(@Param('seriesId') id: string): Promise<PersonResponse[]> {
    return (await this.series.coordinators(id)).map(PersonResponse.from);
  }

  @Put(':seriesId/coordinators/:personId')
  @SeriesScoped('seriesId')
  @SeesPerson('personId')
  @Audited({
    action: 'coordinator-added',
    subject: (req) => `person:${req.params.personId}`,
    details: (req) => ({ seriesId: req.params.seriesId }),
  })
  @ApiOkResponse({ type: [PersonResponse], description: 'Adds a coordinator (a staff member with email).' })
  async addCoordinator(
    @Param('seriesId') id: string,
    @Param('personId', IdParam) personId: string,
  ): Promise<PersonResponse[]> {
    await this.series.addCoordinator(id, personId);
    return (await this.series.coordinators(id)).map(PersonResponse.from);
  }

  @Delete(':seriesId/coordinators/:personId')
  @HttpCode(204)
  @SeriesScoped('seriesId')
  @Audited({
    action: 'coordinator-removed',
    subject: (req) => `person:${req.params.personId}`,
    details: (req) => ({ seriesId: req.params.seriesId }),
  })
  @ApiNoContentResponse({ description: 'Removes a coordinator; the last one cannot be removed (409).' })
  async removeCoordinator(
    @Param('seriesId') id: string,
    @Param('personId', IdParam) personId: string,
  ): Promise<void> {
    await this.series.removeCoordinator(id, personId);
  }

  @Get(':seriesId/rotation')
  @SeriesScoped('seriesId')
  @ApiOkResponse({ type: RotationResponse })
  async getRotation(@Param('seriesId') id: string): Promise<RotationResponse> {
    return { units: await this.rotation.status(id) };
  }

  @Put(':seriesId/rotation')
  @SeriesScoped('seriesId')
  @ApiOkResponse({ type: RotationResponse, description: 'Replaces the rotation order.' })
  async setRotation(
    @Param('seriesId') id: string,
    @Body() dto: RotationOrderDto,
    @CurrentPerson() me: Person,
  ): Promise<RotationResponse> {
    return { units: await this.rotation.setOrder(id, dto.unitIds, await this.policy.visibleUnitIds(me.id)) };
  }
}
