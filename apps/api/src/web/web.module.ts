import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { KiertoConfig } from '@kierto/config';
import { AccessModule, RateLimitService } from '@kierto/access';
import { MeetingsModule } from '@kierto/meetings';
import { SeriesAccessGuard } from '../auth/series-access.guard';
import { PageRenderer } from '../pages/page-renderer';
import { AssetsController } from './assets.controller';
import { SeriesPagesController } from '../pages/series-pages.controller';
import { CsrfService } from './csrf.service';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { LoginController } from './login.controller';
import { PgThrottlerStorage } from './pg-throttler-storage';
import { WebExceptionFilter } from './web-exception.filter';
import { WebPages } from './web-pages.service';
import { WebSessionGuard } from './web-session.guard';

/** The browser pages: login by email link, sessions, the dashboard, the stylesheet. */
@Module({
  imports: [
    AccessModule,
    MeetingsModule,
    ThrottlerModule.forRootAsync({
      imports: [AccessModule],
      inject: [KiertoConfig, RateLimitService],
      useFactory: (config: KiertoConfig, rateLimit: RateLimitService) => ({
        throttlers: [{ name: 'forms', ttl: 60_000, limit: config.FORM_LIMIT_PER_MINUTE }],
        storage: new PgThrottlerStorage(rateLimit),
      }),
    }),
  ],
  controllers: [AssetsController, LoginController, DashboardController, SeriesPagesController],
  providers: [
    PageRenderer,
    CsrfService,
    WebPages,
    WebSessionGuard,
    WebExceptionFilter,
    DashboardService,
    SeriesAccessGuard,
  ],
})
export class WebModule {}
