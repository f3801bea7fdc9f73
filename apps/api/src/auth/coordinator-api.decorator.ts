import { applyDecorators, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiTokenGuard } from './api-token.guard';
import { SeriesAccessGuard } from './series-access.guard';

/**
 * A controller of the REST API: the caller (a coordinator's API token, or a browser session), then
 * the route's `@Allow` roles in its `@SeriesScoped` series. Without `@Allow`: coordinators only.
 */
export const CoordinatorApi = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ description: 'No API token or session, or one that is not valid.' }),
    ApiForbiddenResponse({
      description: 'Your role in the series does not allow this, or a session request without X-CSRF-Token.',
    }),
    ApiNotFoundResponse({ description: 'No such record in the series you take part in.' }),
    UseGuards(ApiTokenGuard, SeriesAccessGuard),
  );
