import { Module } from '@nestjs/common';
import { APP_FILTER, RouterModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, KiertoConfig } from '@kierto/config';
import { DatabaseModule } from '@kierto/database';
import { MeetingsModule } from '@kierto/meetings';
import { MailModule } from '@kierto/mail';
import { NetworkModule } from '@kierto/network';
import { MinutesModule } from '@kierto/minutes';
import { SearchModule } from '@kierto/search';
import { ApiTokenGuard } from './auth/api-token.guard';
import { SeriesAccessGuard } from './auth/series-access.guard';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { HealthController } from './http/health.controller';
import { loggerParams } from './logging';
import { MeetingsController } from './v1/meetings.controller';
import { PeopleController } from './v1/people.controller';
import { SeriesController } from './v1/series.controller';
import { UnitsController } from './v1/units.controller';
import { InvitationsController } from './v1/invitations.controller';
import { ActionItemsController } from './v1/action-items.controller';
import { AgendaController } from './v1/agenda.controller';
import { FeedbackController } from './v1/feedback.controller';
import { MinutesController } from './v1/minutes.controller';
import { ProposalsController } from './v1/proposals.controller';
import { PublicProposalsController } from './v1/public-proposals.controller';
import { PageRenderer } from './pages/page-renderer';
import { PublicLinksController } from './pages/public-links.controller';
import { WebModule } from './web/web.module';
import { AccessModule } from '@kierto/access';
import { CsrfService } from './web/csrf.service';
import { PersonalLinkFormGuard } from './web/personal-link-form.guard';
import { AuditInterceptor } from './auth/audit.interceptor';

/** Everything under /api/v1: a coordinator's API token, then the series scope of the route. */
@Module({
  imports: [NetworkModule, MeetingsModule, SearchModule, AccessModule],
  controllers: [
    SeriesController,
    UnitsController,
    PeopleController,
    MeetingsController,
    InvitationsController,
    AgendaController,
    ProposalsController,
    MinutesController,
    ActionItemsController,
    FeedbackController,
    PublicProposalsController,
  ],
  providers: [ApiTokenGuard, SeriesAccessGuard, CsrfService, AuditInterceptor],
})
export class ApiV1Module {}

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [KiertoConfig],
      useFactory: (c: KiertoConfig) => loggerParams(c.LOG_LEVEL),
    }),
    DatabaseModule,
    MailModule,
    TerminusModule,
    SearchModule,
    MinutesModule,
    ApiV1Module,
    WebModule,
    RouterModule.register([{ path: 'api/v1', module: ApiV1Module }]),
  ],
  controllers: [HealthController, PublicLinksController],
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    PageRenderer,
    CsrfService,
    PersonalLinkFormGuard,
  ],
})
export class AppModule {}
