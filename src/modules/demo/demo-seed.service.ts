import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { RegistryAdminService } from '../registry/registry-admin.service.js';
import { IssuersService } from '../registry/services/issuers.service.js';
import { DEMO_API_KEY_ISSUER, DEMO_ISSUERS } from './demo-region.js';

export interface DemoSeedResult {
  issuersCreated: number;
  /** An API key of the demo issuer, when this run created that issuer. */
  apiKey?: { issuer: string; key: string };
}

/** Seeds the fictional demo region of DOMAIN.md; safe to run again (adds only what is missing). */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');
  /** What the seeding at this start did, for the first-start banner. */
  lastResult: DemoSeedResult | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly admin: RegistryAdminService,
    private readonly issuers: IssuersService,
  ) {}

  /** An empty embedded database is seeded at start unless SEED_DEMO=false. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo || this.config.databaseUrl) return;
    if (await this.issuers.findBySlug(DEMO_ISSUERS[0].issuer.slug)) return;
    this.lastResult = await this.seed();
    this.logger.log(`Seeded the demo region: ${this.lastResult.issuersCreated} issuers`);
  }

  async seed(): Promise<DemoSeedResult> {
    const result: DemoSeedResult = { issuersCreated: 0 };
    for (const demo of DEMO_ISSUERS) {
      if (await this.issuers.findBySlug(demo.issuer.slug)) continue;
      await this.admin.createIssuer(demo.issuer);
      for (const accreditation of demo.accreditations) {
        await this.admin.accredit(demo.issuer.slug, {
          iscedFields: [],
          occupations: [],
          standards: [],
          jurisdiction: [],
          ...accreditation,
        });
      }
      result.issuersCreated += 1;
      if (demo.issuer.slug === DEMO_API_KEY_ISSUER) {
        const created = await this.admin.createApiKey(DEMO_API_KEY_ISSUER, { label: 'demo' });
        result.apiKey = { issuer: DEMO_API_KEY_ISSUER, key: created.apiKey };
      }
    }
    return result;
  }
}
