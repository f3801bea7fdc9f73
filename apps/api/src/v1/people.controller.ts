import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { AccessPolicy, PersonChanges, PersonErasure } from '@kierto/access';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CoordinatorApi } from '../auth/coordinator-api.decorator';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  CreatePersonDto,
  PageQuery,
  Person,
  PERSON_KINDS,
  PersonKind,
  PersonPage,
  PersonResponse,
  PersonService,
  UpdatePersonDto,
} from '@kierto/network';
import { CurrentPerson } from '../auth/current-person.decorator';
import { SeriesScoped } from '../auth/series-access.guard';
import { AuditContactView } from '../auth/audit.interceptor';

export class PersonQuery extends PageQuery {
  @ApiProperty({ required: false, enum: PERSON_KINDS })
  @IsOptional()
  @IsIn(PERSON_KINDS)
  kind?: PersonKind;

  @ApiProperty({ required: false, format: 'uuid', description: 'Only members of this series.' })
  @IsOptional()
  @IsUUID()
  seriesId?: string;

  @ApiProperty({ required: false, description: 'Part of the display name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ErasePersonDto {
  @ApiProperty({ enum: [true], description: 'Must be true: erasing cannot be undone.' })
  @IsIn([true], { message: 'confirm must be true: erasing a person cannot be undone' })
  confirm: true;
}

/** People you can see: members of the series you coordinate, their coordinators, and people you created. */
@ApiTags('people')
@CoordinatorApi()
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: PersonService,
    private readonly erasure: PersonErasure,
    private readonly changes: PersonChanges,
    private readonly policy: AccessPolicy,
  ) {}

  @Post()
  @ApiCreatedResponse({
    type: PersonResponse,
    description:
      '409 when a person you can see has the address. An address of someone you cannot see is not told: ' +
      'it is saved for email but logs nobody in.',
  })
  async create(@CurrentPerson() me: Person, @Body() dto: CreatePersonDto): Promise<PersonResponse> {
    return PersonResponse.from(await this.changes.create(me.id, dto));
  }

  @Get()
  @AuditContactView()
  @ApiOkResponse({ type: PersonPage })
  async list(@CurrentPerson() me: Person, @Query() q: PersonQuery): Promise<PersonPage> {
    const page = await this.people.listVisible(await this.policy.visiblePersonIds(me.id), q);
    return { ...page, items: page.items.map(PersonResponse.from) };
  }

  @Get(':personId')
  @SeriesScoped('personId', 'person')
  @AuditContactView((req) => `person:${req.params.personId}`)
  @ApiOkResponse({ type: PersonResponse })
  async get(@Param('personId') id: string): Promise<PersonResponse> {
    return PersonResponse.from(await this.people.get(id));
  }

  @Patch(':personId')
  @SeriesScoped('personId', 'person')
  @ApiOkResponse({
    type: PersonResponse,
    description:
      'The address of someone who can log in is changed only by them or by a coordinator of every series ' +
      'they take part in (else 403 naming `email`); the old address gets a notice; audited.',
  })
  async update(
    @CurrentPerson() me: Person,
    @Param('personId') id: string,
    @Body() dto: UpdatePersonDto,
  ): Promise<PersonResponse> {
    return PersonResponse.from(await this.changes.update(me.id, id, dto));
  }

  @Post(':personId/erase')
  @SeriesScoped('personId', 'person')
  @HttpCode(200)
  @ApiOkResponse({
    type: PersonResponse,
    description:
      'Erases the person: name, address, consent, links, sessions and unsent mail go; they leave every series. ' +
      'Minutes and histories keep the facts under "Poistettu henkilö". 409 if they coordinate a series.',
  })
  async erase(
    @Param('personId') id: string,
    @Body() _dto: ErasePersonDto,
    @CurrentPerson() me: Person,
  ): Promise<PersonResponse> {
    await this.erasure.erase(id, me.id);
    return PersonResponse.from(await this.people.get(id));
  }
}
