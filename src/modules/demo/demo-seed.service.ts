import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { withAdvisoryLock } from '../../database/advisory-lock.js';
import { CredentialRecordsService } from '../credentials/services/credential-records.service.js';
import { IssuanceService } from '../credentials/services/issuance.service.js';
import { RecognitionDemoSeeder } from '../recognition/recognition-demo.seeder.js';
import { RegistryAdminService } from '../registry/registry-admin.service.js';
import { IssuersService } from '../registry/services/issuers.service.js';
import { DEMO_CREDENTIALS } from './demo-credentials.js';
import { DemoPilot } from './demo-pilot.js';
import { DEMO_API_KEY_ISSUER, DEMO_ISSUERS, SANDBOX_ISSUER } from './demo-region.js';

// A fixed number of its own (the migration and audit locks take 7_305_121_962 and _963): of
// replicas starting together on an empty database, one seeds.
const DEMO_SEED_LOCK_ID = 7_305_121_971;

export interface DemoSeedResult {
  issuersCreated: number;
  /** An API key of the demo issuer, when this run created that issuer. */
  apiKey?: { issuer: string; key: string };
  /** An API key of the sandbox issuer (`OPEN` profile), when this run created it. */
  sandboxApiKey?: { issuer: string; key: string };
  /** The demo credentials this run issued, by name (see demo-credentials.ts). */
  credentials: Record<string, { id: string; verifyUrl: string; claimCode: string }>;
}

/** Seeds the fictional demo region of DOMAIN.md; safe to run again (adds only what is missing). */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');
  /** What the seeding at this start did, for the first-start banner. */
  lastResult: DemoSeedResult | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly admin: RegistryAdminService,
    private readonly issuers: IssuersService,
    private readonly issuance: IssuanceService,
    private readonly records: CredentialRecordsService,
    private readonly agreements: RecognitionDemoSeeder,
    private readonly pilot: DemoPilot,
  ) {}

  /**
   * With SEED_DEMO (the default on the embedded server only), a registry without any issuer is
   * seeded at start, on the embedded server or a PostgreSQL server alike; a registry that has
   * issuers, demo or not, is left as it is.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    this.lastResult = await withAdvisoryLock(this.dataSource, DEMO_SEED_LOCK_ID, async () =>
      (await this.issuers.registryIsEmpty()) ? this.seed() : undefined,
    );
    if (this.lastResult) {
      this.logger.log(`Seeded the demo region: ${this.lastResult.issuersCreated} issuers`);
    }
  }

  async seed(): Promise<DemoSeedResult> {
    const result: DemoSeedResult = { issuersCreated: 0, credentials: {} };
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
      if (demo.issuer.slug === SANDBOX_ISSUER) {
        const created = await this.admin.createApiKey(SANDBOX_ISSUER, { label: 'sandbox' });
        result.sandboxApiKey = { issuer: SANDBOX_ISSUER, key: created.apiKey };
      }
    }
    await this.agreements.seedDemoAgreements();
    await this.seedCredentials(result);
    this.pilot.start(result.issuersCreated);
    return result;
  }

  /** The demo holders' credentials, signed by the demo issuers; only into a registry without them. */
  private async seedCredentials(result: DemoSeedResult): Promise<void> {
    const first = await this.issuers.requireBySlug(DEMO_CREDENTIALS[0].issuer);
    const existing = await this.records.list(first.id, {}, { page: 1, limit: 1 });
    if (existing.total > 0) return;
    for (const demo of DEMO_CREDENTIALS) {
      const issuer = await this.issuers.requireBySlug(demo.issuer);
      const caller = {
        kind: 'issuer' as const,
        issuerId: issuer.id,
        slug: issuer.slug,
        did: issuer.did,
        apiKeyId: 'demo-seed',
      };
      const issued = await this.issuance.issue(caller, demo.request);
      if (demo.revoke) {
        await this.records.changeStatus(
          issuer.id,
          issued.id,
          'revoke',
          demo.revoke,
          `issuer:${issuer.slug}`,
        );
      }
      result.credentials[demo.name] = {
        id: issued.id,
        verifyUrl: issued.verifyUrl,
        claimCode: issued.claimCode,
      };
    }
  }
}
