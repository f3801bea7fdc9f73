import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiTokenGuard } from './api-token.guard';
import { SeriesAccessGuard } from './series-access.guard';

/** A controller of the coordinators' REST API: a personal API token, then the route's series scope. */
export const CoordinatorApi = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No API token, or one that is not valid.' }),
    ApiNotFoundResponse({ description: 'No such record in the series you coordinate.' }),
    UseGuards(ApiTokenGuard, SeriesAccessGuard),
  );
