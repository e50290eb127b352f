import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import { demoAgreementDto, demoAgreements, demoMappingDto } from './recognition-demo.js';
import { AgreementsService } from './services/agreements.service.js';

export interface DemoAgreementsResult {
  /** Ids of the agreements this run created; those already present are left as they are. */
  created: string[];
}

const DEMO_ACTOR = 'demo-seed';

/** Seeds the demo region's recognition agreements (DOMAIN.md); the demo seed calls it. */
@Injectable()
export class RecognitionDemoSeeder {
  constructor(private readonly agreements: AgreementsService) {}

  /**
   * Creates each demo agreement that is missing, with its directions, mappings, conditions and
   * status history, one transaction per agreement; safe to run again, or on two replicas at once.
   */
  async seedDemoAgreements(): Promise<DemoAgreementsResult> {
    const created: string[] = [];
    for (const demo of demoAgreements()) {
      const { id } = demo.agreement;
      if (await this.agreements.exists(id)) continue;
      try {
        await this.agreements.import(
          {
            agreement: demoAgreementDto(demo.agreement),
            mappings: demo.mappings.map(demoMappingDto),
            since: new Date(demo.since),
            changes: demo.changes.map((c) => ({ ...c, at: new Date(c.at) })),
          },
          DEMO_ACTOR,
        );
        created.push(id);
      } catch (error) {
        // Another replica seeded it between the check and the insert.
        if (!(error instanceof AppError && error.code === 'SLUG_TAKEN')) throw error;
      }
    }
    return { created };
  }
}
