import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { KiertoConfig } from '@kierto/config';
import { AccessModule, RateLimitService } from '@kierto/access';
import { MeetingsModule } from '@kierto/meetings';
import { NetworkModule } from '@kierto/network';
import { SearchModule } from '@kierto/search';
import { MePagesController } from '../pages/me-pages.controller';
import { MeetingPagesController } from '../pages/meeting-pages.controller';
import { MeetingPageService } from '../pages/meeting-page.service';
import { MePagesService } from '../pages/me-pages.service';
import { UnitPagesController } from '../pages/unit-pages.controller';
import { UnitPagesService } from '../pages/unit-pages.service';
import { DevOutboxController } from '../pages/dev-outbox.controller';
import { SeriesAccessGuard } from '../auth/series-access.guard';
import { PageRenderer } from '../pages/page-renderer';
import { AssetsController } from './assets.controller';
import { SeriesPagesController } from '../pages/series-pages.controller';
import { CsrfService } from './csrf.service';
import { DashboardController } from './dashboard.controller';
import { DashboardInsightsService } from './dashboard-insights.service';
import { DashboardService } from './dashboard.service';
import { LoginController } from './login.controller';
import { PgThrottlerStorage } from './pg-throttler-storage';
import { WebExceptionFilter } from './web-exception.filter';
import { WebPages } from './web-pages.service';
import { WebSessionGuard } from './web-session.guard';
import { CsvUploadModule } from '../settings/csv-upload.middleware';
import { SettingsController } from '../settings/settings.controller';
import { SettingsImportController } from '../settings/settings-import.controller';
import { SettingsImportService } from '../settings/settings-import.service';
import { SettingsPageService } from '../settings/settings-page.service';
import { SetupController } from '../settings/setup.controller';
import { SetupPageService } from '../settings/setup-page.service';

/** The browser pages: login by email link, sessions, the dashboard, the stylesheet. */
@Module({
  imports: [
    AccessModule,
    MeetingsModule,
    NetworkModule,
    SearchModule,
    CsvUploadModule,
    ThrottlerModule.forRootAsync({
      imports: [AccessModule],
      inject: [KiertoConfig, RateLimitService],
      useFactory: (config: KiertoConfig, rateLimit: RateLimitService) => ({
        throttlers: [{ name: 'forms', ttl: 60_000, limit: config.FORM_LIMIT_PER_MINUTE }],
        storage: new PgThrottlerStorage(rateLimit),
      }),
    }),
  ],
  controllers: [
    AssetsController,
    LoginController,
    DashboardController,
    SeriesPagesController,
    UnitPagesController,
    MePagesController,
    MeetingPagesController,
    SettingsController,
    SettingsImportController,
    SetupController,
    DevOutboxController,
  ],
  providers: [
    PageRenderer,
    CsrfService,
    WebPages,
    WebSessionGuard,
    WebExceptionFilter,
    DashboardService,
    DashboardInsightsService,
    SeriesAccessGuard,
    UnitPagesService,
    MePagesService,
    MeetingPageService,
    SettingsPageService,
    SetupPageService,
    SettingsImportService,
  ],
})
export class WebModule {}
