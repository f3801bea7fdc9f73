import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from './dto-helpers';
import { UnitBlackout } from './unit-blackout.entity';
import { Unit } from './unit.entity';

export class CreateUnitDto {
  @ApiProperty({ example: 'A-klinikka Sörnäinen' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'Hämeentie 10, 00530 Helsinki' })
  @IsString()
  @Length(1, 300)
  streetAddress: string;

  @ApiProperty({
    required: false,
    nullable: true,
    example: 'Step-free entrance from the yard; lift to 2nd floor.',
  })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  accessibilityNotes?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'korvaushoito@a-klinikka.example' })
  @IsOptional()
  @IsEmail()
  contactEmail?: string | null;

  @ApiProperty({ required: false, default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateUnitDto extends PartialType(CreateUnitDto) {}

export class CreateBlackoutDto {
  @ApiProperty({ example: '2027-07-01', description: 'First day the unit cannot host (inclusive).' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ example: '2027-07-31', description: 'Last day the unit cannot host (inclusive).' })
  @IsCalendarDate()
  endsOn: string;

  @ApiProperty({ required: false, example: 'Summer closure' })
  @IsOptional()
  @IsString()
  @Length(0, 300)
  reason?: string;
}

export class BlackoutResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ example: '2027-07-01' }) startsOn: string;
  @ApiProperty({ example: '2027-07-31' }) endsOn: string;
  @ApiProperty({ nullable: true, example: 'Summer closure' }) reason: string | null;

  static from(b: UnitBlackout): BlackoutResponse {
    return { id: b.id, unitId: b.unitId, startsOn: b.startsOn, endsOn: b.endsOn, reason: b.reason };
  }
}

export class UnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'A-klinikka Sörnäinen' }) name: string;
  @ApiProperty({ example: 'Hämeentie 10, 00530 Helsinki' }) streetAddress: string;
  @ApiProperty({ nullable: true }) accessibilityNotes: string | null;
  @ApiProperty({ nullable: true }) contactEmail: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [BlackoutResponse] }) blackouts: BlackoutResponse[];

  static from(u: Unit, blackouts: UnitBlackout[] = []): UnitResponse {
    return {
      id: u.id,
      name: u.name,
      streetAddress: u.streetAddress,
      accessibilityNotes: u.accessibilityNotes,
      contactEmail: u.contactEmail,
      active: u.active,
      blackouts: blackouts.map(BlackoutResponse.from),
    };
  }
}

export class UnitPage {
  @ApiProperty({ type: [UnitResponse] }) items: UnitResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
