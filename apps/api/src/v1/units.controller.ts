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
  UnitPage,
  UnitResponse,
  UnitService,
  UpdateUnitDto,
} from '@kierto/network';
import { IdParam } from '../http/id-param.pipe';

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

/** Units are shared by the whole network: every coordinator sees them. */
@ApiTags('units')
@CoordinatorApi()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitService) {}

  @Post()
  @ApiCreatedResponse({ type: UnitResponse })
  async create(@Body() dto: CreateUnitDto): Promise<UnitResponse> {
    return UnitResponse.from(await this.units.create(dto));
  }

  @Get()
  @ApiOkResponse({ type: UnitPage })
  async list(@Query() q: UnitQuery): Promise<UnitPage> {
    const page = await this.units.list(q);
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
  @ApiOkResponse({ type: UnitResponse })
  async get(@Param('unitId', IdParam) id: string): Promise<UnitResponse> {
    return UnitResponse.from(await this.units.get(id), await this.units.blackouts([id]));
  }

  @Patch(':unitId')
  @ApiOkResponse({ type: UnitResponse })
  async update(@Param('unitId', IdParam) id: string, @Body() dto: UpdateUnitDto): Promise<UnitResponse> {
    return UnitResponse.from(await this.units.update(id, dto), await this.units.blackouts([id]));
  }

  @Get(':unitId/blackouts')
  @ApiOkResponse({ type: [BlackoutResponse] })
  async blackouts(@Param('unitId', IdParam) id: string): Promise<BlackoutResponse[]> {
    await this.units.get(id);
    return (await this.units.blackouts([id])).map(BlackoutResponse.from);
  }

  @Post(':unitId/blackouts')
  @ApiCreatedResponse({ type: BlackoutResponse, description: 'Dates (inclusive) when the unit cannot host.' })
  async addBlackout(
    @Param('unitId', IdParam) id: string,
    @Body() dto: CreateBlackoutDto,
  ): Promise<BlackoutResponse> {
    return BlackoutResponse.from(await this.units.addBlackout(id, dto));
  }

  @Delete(':unitId/blackouts/:blackoutId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeBlackout(
    @Param('unitId', IdParam) id: string,
    @Param('blackoutId', IdParam) blackoutId: string,
  ): Promise<void> {
    await this.units.removeBlackout(id, blackoutId);
  }
}
