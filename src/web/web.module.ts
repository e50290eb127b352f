import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../common/http/rate-limit.js';
import { HolderPortalModule } from '../modules/holders/holder-portal.module.js';
import { HolderSharesModule } from '../modules/holders/holder-shares.module.js';
import { HoldersModule } from '../modules/holders/holders.module.js';
import { ReferenceModule } from '../modules/reference/reference.module.js';
import { VerifiersModule } from '../modules/verifiers/verifiers.module.js';
import { LandingController } from './landing/landing.controller.js';
import { PortalAccountController } from './portal/portal-account.controller.js';
import { PortalAuthController } from './portal/portal-auth.controller.js';
import { PortalCountries } from './portal/portal-countries.js';
import { PortalCredentialsController } from './portal/portal-credentials.controller.js';
import { PortalSessionService } from './portal/portal-session.service.js';
import { PortalSharesController } from './portal/portal-shares.controller.js';
import { PortalGuard } from './portal/portal.guard.js';

/**
 * The server-rendered pages people use: the home page and the holder portal. The portal calls
 * the holder services in-process, as the holder API does; the verification page itself is
 * served by the verifiers module with the templates of this folder.
 */
@Module({
  imports: [
    HoldersModule,
    HolderPortalModule,
    HolderSharesModule,
    VerifiersModule,
    ReferenceModule,
  ],
  controllers: [
    LandingController,
    PortalAuthController,
    PortalCredentialsController,
    PortalSharesController,
    PortalAccountController,
  ],
  providers: [PortalSessionService, PortalGuard, PortalCountries, RateLimitGuard],
})
export class WebModule {}
