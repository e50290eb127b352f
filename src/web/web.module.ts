import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../common/http/rate-limit.js';
import { HoldersModule } from '../modules/holders/holders.module.js';
import { HolderSharesModule } from '../modules/holder-shares/holder-shares.module.js';
import { HolderIdentityModule } from '../modules/holder-identity/holder-identity.module.js';
import { ReferenceModule } from '../modules/reference/reference.module.js';
import { StatisticsModule } from '../modules/statistics/statistics.module.js';
import { VerifiersModule } from '../modules/verifiers/verifiers.module.js';
import { LandingController } from './landing/landing.controller.js';
import { PortalAccountController } from './portal/portal-account.controller.js';
import { PortalAuthController } from './portal/portal-auth.controller.js';
import { PortalCountries } from './portal/portal-countries.js';
import { PortalCredentialsController } from './portal/portal-credentials.controller.js';
import { PortalSessionService } from './portal/portal-session.service.js';
import { PortalSharesController } from './portal/portal-shares.controller.js';
import { PortalGuard } from './portal/portal.guard.js';
import { StatsPageController } from './stats/stats-page.controller.js';
import { VerifyPageController } from './verify/verify-page.controller.js';
import { VerifyPageService } from './verify/verify-page.service.js';
import { PortalCasesController } from './portal/portal-cases.controller.js';
import { RecognitionCasesModule } from '../modules/recognition-cases/recognition-cases.module.js';
import { ConsoleAuthController } from './console/console-auth.controller.js';
import { ConsoleCasesController } from './console/console-cases.controller.js';
import { ConsoleGuard } from './console/console.guard.js';

/**
 * The server-rendered pages people use: the home page, the verification page of a link, the
 * holder portal, the public statistics and the competent authorities' case-worker console. They call the modules' services in-process, as the API's controllers do; no
 * module imports this folder.
 */
@Module({
  imports: [
    HolderIdentityModule,
    HoldersModule,
    HolderSharesModule,
    VerifiersModule,
    ReferenceModule,
    StatisticsModule,
    RecognitionCasesModule,
  ],
  controllers: [
    LandingController,
    PortalAuthController,
    PortalCredentialsController,
    PortalSharesController,
    PortalCasesController,
    PortalAccountController,
    VerifyPageController,
    StatsPageController,
    ConsoleAuthController,
    ConsoleCasesController,
  ],
  providers: [
    PortalSessionService,
    PortalGuard,
    PortalCountries,
    VerifyPageService,
    RateLimitGuard,
    ConsoleGuard,
  ],
})
export class WebModule {}
