import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { ProposalService } from '@kierto/minutes';

export class AnonymousProposalDto {
  @ApiProperty({ example: 'Seulonnan aikataulu', description: 'The topic, in a few words.' })
  @IsString()
  @Length(3, 200)
  title: string;

  @ApiProperty({ required: false, example: 'Seulonnasta kerrotaan liian myöhään.' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;
}

export class AnonymousProposalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending'] }) status: string;
}

/**
 * The series' public proposal link as an API: no account, nothing about the sender is stored (no
 * person, no address, no IP). Limited per series and hour.
 */
@ApiTags('proposals')
@Controller('public/proposals')
export class PublicProposalsController {
  constructor(private readonly proposals: ProposalService) {}

  @Post(':key')
  @ApiCreatedResponse({ type: AnonymousProposalResponse, description: 'Proposed anonymously.' })
  @ApiNotFoundResponse({ description: 'The link key is not valid (or was replaced).' })
  @ApiTooManyRequestsResponse({ description: 'Too many proposals to this series in the last hour.' })
  async propose(
    @Param('key') key: string,
    @Body() dto: AnonymousProposalDto,
  ): Promise<AnonymousProposalResponse> {
    const p = await this.proposals.createAnonymous(key, dto.title.trim(), dto.description?.trim() || null);
    return { id: p.id, status: p.status };
  }
}
