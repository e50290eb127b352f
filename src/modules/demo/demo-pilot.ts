import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { BatchSubmissionService } from '../credentials/batch/batch-submission.service.js';
import { IssuersService } from '../registry/services/issuers.service.js';

/**
 * The demo region's certification pilot (issue 20): a fictional campaign like the programme's
 * (Colombia 2021, Peru 2022) — 900 competency certificates of co-ens and pe-dcl, with statistical
 * annexes in about the programme's proportions (≈ 67 % Venezuelan migrants, ≈ 65 % women), so
 * that /stats publishes real tables on a fresh start. Issued through the batch path, in the
 * background: the server is ready at once, and the runner signs them in some seconds.
 */
export const PILOT_BATCHES = [
  { issuer: 'co-ens', country: 'CO', year: 2021, count: 380 },
  { issuer: 'co-ens', country: 'CO', year: 2022, count: 100 },
  { issuer: 'pe-dcl', country: 'PE', year: 2022, count: 420 },
] as const;

const STANDARDS = {
  CO: [
    {
      code: '299903010',
      version: '1',
      title: 'Asistir a la persona mayor (demo)',
      unit: '299903010',
      isco08: '5322',
    },
    {
      code: '299902004',
      version: '2',
      title: 'Preparar alimentos (demo)',
      unit: '299902004',
      isco08: '5120',
    },
    {
      code: '299901001',
      version: '1',
      title: 'Instalar redes eléctricas (demo)',
      unit: '299901001',
      isco08: '7411',
    },
  ],
  PE: [
    {
      code: 'PE-DEMO-CUI-01',
      version: '1',
      title: 'Cuidador(a) de personas adultas mayores (demo)',
      unit: 'UC1',
      isco08: '5322',
    },
    {
      code: 'PE-DEMO-COC-01',
      version: '1',
      title: 'Cocinero(a) (demo)',
      unit: 'UC1',
      isco08: '5120',
    },
  ],
};

const CENTRES = {
  CO: { name: 'Entidad Nacional de Saberes (ficticia)', country: 'CO' },
  PE: { name: 'Dirección de Certificación Laboral (ficticia)', country: 'PE' },
};

/** A small seeded generator (mulberry32): the same pilot on every start. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks by cumulative weights. */
function pick<T>(next: () => number, choices: readonly (readonly [T, number])[]): T {
  let r = next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  return choices[choices.length - 1][0];
}

type Population = 'VE_MIGRANT' | 'OTHER_MIGRANT' | 'NATIONAL' | 'UNDECLARED';

/** The rows of one pilot batch: fictional people, their certificates and annexes. */
export function pilotRows(batch: (typeof PILOT_BATCHES)[number], seed: number): unknown[] {
  const next = random(seed);
  return Array.from({ length: batch.count }, (_, i) => {
    const population = pick<Population>(next, [
      ['VE_MIGRANT', 67],
      ['NATIONAL', 27],
      ['OTHER_MIGRANT', 4],
      ['UNDECLARED', 2],
    ]);
    const sex = pick(next, [
      ['FEMALE', 65],
      ['MALE', 34],
      ['OTHER', 1],
    ]);
    const migrationStatus =
      population === 'VE_MIGRANT'
        ? pick(next, [
            ['MIGRANT_REGULAR', 75],
            ['MIGRANT_IRREGULAR', 10],
            ['REFUGEE_ASYLUM_SEEKER', 15],
          ])
        : population === 'OTHER_MIGRANT'
          ? 'MIGRANT_REGULAR'
          : population === 'NATIONAL'
            ? pick(next, [
                ['NATIONAL', 90],
                ['RETURNED_NATIONAL', 10],
              ])
            : undefined;
    const nationality =
      population === 'VE_MIGRANT'
        ? 'VE'
        : population === 'OTHER_MIGRANT'
          ? pick(next, [
              ['EC', 1],
              ['HT', 1],
            ])
          : population === 'NATIONAL'
            ? batch.country
            : undefined;
    const ageBand = pick(next, [
      ['15-24', 18],
      ['25-34', 36],
      ['35-44', 26],
      ['45-54', 14],
      ['55-64', 6],
    ]);
    const disability = pick(next, [
      ['NO', 88],
      ['YES', 5],
      ['UNKNOWN', 7],
    ]);
    const standard = STANDARDS[batch.country][Math.floor(next() * STANDARDS[batch.country].length)];
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
    const date = `${batch.year}-${month}-${day}`;
    const number = `PILOT-${batch.country}${batch.year}-${String(i + 1).padStart(5, '0')}`;
    const document =
      population === 'NATIONAL'
        ? { type: batch.country === 'CO' ? 'CEDULA' : 'DNI', country: batch.country, number }
        : { type: batch.country === 'CO' ? 'PPT' : 'CPP', country: batch.country, number };
    return {
      type: 'CompetencyCertificationCredential',
      holder: {
        documents: [document],
        givenNames: `Participante ${i + 1}`,
        familyNames: `Piloto ${batch.country} ${batch.year} (ficticia)`,
      },
      validFrom: `${date}T00:00:00Z`,
      subject: {
        standards: [{ code: standard.code, version: standard.version, title: standard.title }],
        unitsAchieved: [standard.unit],
        result: 'COMPETENT',
        assessmentCentre: CENTRES[batch.country],
        assessmentDate: date,
        isco08: standard.isco08,
        nationalLevel: { framework: `${batch.country}-MNC`, level: 3 },
      },
      statistics: { sex, nationality, migrationStatus, ageBand, disability },
    };
  });
}

/** Submits the pilot's batches; SEED_DEMO_PILOT=false leaves it out. */
@Injectable()
export class DemoPilot implements BeforeApplicationShutdown {
  private readonly logger = new Logger('DemoPilot');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly batches: BatchSubmissionService,
    private readonly issuers: IssuersService,
  ) {}

  /** The queuing in progress, if any (tests and the CLI wait for it). */
  queued: Promise<number> = Promise.resolve(0);

  /**
   * Only into the registry whose demo issuers this run created (a first start). Checking and
   * storing 900 rows takes a few seconds, so it runs in the background: the server is ready
   * at once, and the tables fill in as the batch runner signs.
   */
  start(issuersCreated: number): void {
    if (!this.config.seedDemoPilot || issuersCreated === 0) return;
    this.queued = this.submit().catch((error: unknown) => {
      this.logger.error(`The demo pilot was not queued: ${String(error)}`);
      return 0;
    });
  }

  /** A stop (or `npm run seed` ending) lets the queuing finish; the runner signs on a later start. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queued;
  }

  private async submit(): Promise<number> {
    const started = Date.now();
    let total = 0;
    for (const [n, batch] of PILOT_BATCHES.entries()) {
      const issuer = await this.issuers.requireBySlug(batch.issuer);
      const caller = {
        kind: 'issuer' as const,
        issuerId: issuer.id,
        slug: issuer.slug,
        did: issuer.did,
        apiKeyId: 'demo-pilot',
      };
      total += (await this.batches.submit(caller, pilotRows(batch, 20 + n), 'json')).total;
    }
    this.logger.log(`Queued the demo pilot: ${total} certificates in ${Date.now() - started} ms`);
    return total;
  }
}
