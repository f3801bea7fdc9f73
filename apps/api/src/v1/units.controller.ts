import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  BlackoutResponse,
  CreateBlackoutDto,
  CreateUnitDto,
  PageQuery,
  Person,
  UnitPage,
  UnitResponse,
  UnitService,
  UpdateUnitDto,
} from '@kierto/network';
import { AccessPolicy } from '@kierto/access';
import { IdParam } from '../http/id-param.pipe';
import { CurrentPerson } from '../auth/current-person.decorator';
import { SeriesScoped } from '../auth/series-access.guard';

export class UnitQuery extends PageQuery {
  @ApiProperty({ required: false, type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ required: false, description: 'Part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/**
 * Units belong to the network of series that use them: a coordinator sees and changes those a series
 * they coordinate uses, and those they created that no series uses yet (AccessPolicy.canSeeUnit).
 */
@ApiTags('units')
@CoordinatorApi()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitService,
    private readonly policy: AccessPolicy,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: UnitResponse, description: 'Only you see it until a series of yours uses it.' })
  async create(@CurrentPerson() me: Person, @Body() dto: CreateUnitDto): Promise<UnitResponse> {
    return UnitResponse.from(await this.units.create(dto, undefined, me.id));
  }

  @Get()
  @ApiOkResponse({
    type: UnitPage,
    description: 'The units of your series, and those you created that none uses yet.',
  })
  async list(@CurrentPerson() me: Person, @Query() q: UnitQuery): Promise<UnitPage> {
    const page = await this.units.list({ ...q, ids: await this.policy.visibleUnitIds(me.id) });
    const blackouts = await this.units.blackouts(page.items.map((u) => u.id));
    return {
      ...page,
      items: page.items.map((u) =>
        UnitResponse.from(
          u,
          blackouts.filter((b) => b.unitId === u.id),
        ),
      ),
    };
  }

  @Get(':unitId')
  @SeriesScoped('unitId', 'unit')
  @ApiOkResponse({ type: UnitResponse })
  async get(@Param('unitId', IdParam) id: string): Promise<UnitResponse> {
    return UnitResponse.from(await this.units.get(id), await this.units.blackouts([id]));
  }

  @Patch(':unitId')
  @SeriesScoped('unitId', 'unit')
  @ApiOkResponse({ type: UnitResponse })
  async update(@Param('unitId', IdParam) id: string, @Body() dto: UpdateUnitDto): Promise<UnitResponse> {
    return UnitResponse.from(await this.units.update(id, dto), await this.units.blackouts([id]));
  }

  @Get(':unitId/blackouts')
  @SeriesScoped('unitId', 'unit')
  @ApiOkResponse({ type: [BlackoutResponse] })
  async blackouts(@Param('unitId', IdParam) id: string): Promise<BlackoutResponse[]> {
    await this.units.get(id);
    return (await this.units.blackouts([id])).map(BlackoutResponse.from);
  }

  @Post(':unitId/blackouts')
  @SeriesScoped('unitId', 'unit')
  @ApiCreatedResponse({ type: BlackoutResponse, description: 'Dates (inclusive) when the unit cannot host.' })
  async addBlackout(
    @Param('unitId', IdParam) id: string,
    @Body() dto: CreateBlackoutDto,
  ): Promise<BlackoutResponse> {
    return BlackoutResponse.from(await this.units.addBlackout(id, dto));
  }

  @Delete(':unitId/blackouts/:blackoutId')
  @SeriesScoped('unitId', 'unit')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeBlackout(
    @Param('unitId', IdParam) id: string,
    @Param('blackoutId', IdParam) blackoutId: string,
  ): Promise<void> {
    await this.units.removeBlackout(id, blackoutId);
  }
}
