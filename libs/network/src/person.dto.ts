import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsCalendarDate } from './dto-helpers';
import { CONSENT_METHODS, ConsentMethod, Person, PERSON_KINDS, PersonKind } from './person.entity';
import { LANGUAGES, Language } from './series.entity';

export class EmailConsentDto {
  @ApiProperty({ example: '2026-11-20', description: 'The day the service user agreed to get email.' })
  @IsCalendarDate()
  givenOn: string;

  @ApiProperty({ enum: CONSENT_METHODS, example: 'written', description: 'How the consent was given.' })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'Mikko', description: 'A first name or a pseudonym is enough for a service user.' })
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ required: false, nullable: true, example: 'mikko@example.fi' })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @ApiProperty({ enum: PERSON_KINDS, example: 'service_user' })
  @IsIn(PERSON_KINDS)
  kind: PersonKind;

  @ApiProperty({ required: false, nullable: true, format: 'uuid', description: 'Home unit; staff only.' })
  @IsOptional()
  @IsUUID()
  homeUnitId?: string | null;

  @ApiProperty({ enum: LANGUAGES, required: false, default: 'fi' })
  @IsOptional()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;

  @ApiProperty({
    type: EmailConsentDto,
    required: false,
    nullable: true,
    description: 'A service user gets email only with recorded consent. null withdraws it.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmailConsentDto)
  emailConsent?: EmailConsentDto | null;
}

export class UpdatePersonDto extends PartialType(CreatePersonDto) {}

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Mikko' }) displayName: string;
  @ApiProperty({ nullable: true, example: 'mikko@example.fi' }) email: string | null;
  @ApiProperty({ enum: PERSON_KINDS }) kind: PersonKind;
  @ApiProperty({ nullable: true, format: 'uuid' }) homeUnitId: string | null;
  @ApiProperty({ enum: LANGUAGES }) preferredLanguage: Language;
  @ApiProperty({ type: EmailConsentDto, nullable: true }) emailConsent: EmailConsentDto | null;
  @ApiProperty({ description: 'True when Kierto may email this person.' }) emailable: boolean;

  static from(p: Person): PersonResponse {
    return {
      id: p.id,
      displayName: p.displayName,
      email: p.email,
      kind: p.kind,
      homeUnitId: p.homeUnitId,
      preferredLanguage: p.preferredLanguage,
      emailConsent:
        p.emailConsentAt && p.emailConsentMethod
          ? { givenOn: p.emailConsentAt, method: p.emailConsentMethod }
          : null,
      emailable: isEmailable(p),
    };
  }
}

/** Staff and guests with an address may be emailed; service users only with recorded consent. */
export function isEmailable(p: Person): boolean {
  if (!p.email) return false;
  if (p.kind === 'service_user') return Boolean(p.emailConsentAt);
  return true;
}

export class PersonPage {
  @ApiProperty({ type: [PersonResponse] }) items: PersonResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class MemberResponse extends PersonResponse {
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, description: 'When the person asked for no more email from this series.' })
  unsubscribedAt: string | null;
}

export class MemberPage {
  @ApiProperty({ type: [MemberResponse] }) items: MemberResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
