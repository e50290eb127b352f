import { Injectable } from '@nestjs/common';
import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { agreementData, agreementView, mappingView } from '../agreement-views.js';
import type {
  CreateAgreementDto,
  CreateMappingDto,
  UpdateAgreementDto,
} from '../dto/agreement-input.dto.js';
import type { AgreementDto, MappingViewDto } from '../dto/agreement-view.dto.js';
import {
  evaluateRecognition,
  type CredentialFacts,
  type RecognitionResult,
  type VerificationFacts,
} from '../recognition-engine.js';
import { PURPOSES, type Purpose } from '../recognition.constants.js';
import { AgreementsService } from './agreements.service.js';

const ADMIN = 'admin';
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const today = () => new Date().toISOString().slice(0, 10);

export interface EvaluateRecognitionInput {
  /** The verified credential's facts (see CredentialFacts). */
  facts: CredentialFacts;
  /** ISO 3166-1 alpha-2; unknown → 422 INVALID_REFERENCE naming `destinationCountry`. */
  destinationCountry: string;
  /** One of PURPOSES; unknown → 422 INVALID_REFERENCE naming `purpose`. */
  purpose: string;
  /** `YYYY-MM-DD`; defaults to today (UTC). */
  date?: string;
  verification: VerificationFacts;
}

/**
 * The recognition module's face: what a credential is worth in a country (`evaluate`), the
 * public list of agreements, and the registry operator's agreement use cases (each audited).
 */
@Injectable()
export class RecognitionService {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly reference: ReferenceService,
  ) {}

  /** Loads the agreements into the destination and decides by the rule order of DOMAIN.md. */
  async evaluate(input: EvaluateRecognitionInput): Promise<RecognitionResult> {
    const date = input.date ?? today();
    const errors: FieldError[] = [];
    if (!(await this.reference.countryExists(input.destinationCountry))) {
      errors.push({
        path: 'destinationCountry',
        message: `unknown country ${input.destinationCountry}`,
      });
    }
    if (!(PURPOSES as readonly string[]).includes(input.purpose)) {
      errors.push({ path: 'purpose', message: `must be one of ${PURPOSES.join(', ')}` });
    }
    if (!DATE.test(date)) errors.push({ path: 'date', message: 'must be a date YYYY-MM-DD' });
    if (errors.length > 0) {
      throw new AppError('INVALID_REFERENCE', 'Recognition cannot be evaluated for that.', {
        errors,
      });
    }
    const [records, standards, frameworks] = await Promise.all([
      this.agreements.list({ destination: input.destinationCountry }),
      this.reference.listStandards({ country: input.destinationCountry }),
      this.reference.listFrameworks(),
    ]);
    return evaluateRecognition({
      credential: input.facts,
      destinationCountry: input.destinationCountry,
      purpose: input.purpose as Purpose,
      date,
      agreements: records.map(agreementData),
      verification: input.verification,
      standards,
      frameworks: frameworks.flatMap((f) =>
        f.country === input.destinationCountry
          ? [{ code: f.code, country: f.country, levels: f.levels }]
          : [],
      ),
    });
  }

  /** Every agreement with its directions, scope, conditions, mappings and status history. */
  async listAgreements(): Promise<AgreementDto[]> {
    const now = today();
    return (await this.agreements.list()).map((record) => agreementView(record, now));
  }

  async getAgreement(id: string): Promise<AgreementDto> {
    return agreementView(await this.agreements.get(id), today());
  }

  /** Changes whenever an agreement or mapping changes: part of the key of a cached answer. */
  agreementsRevision(): Promise<string> {
    return this.agreements.revision();
  }

  async createAgreement(dto: CreateAgreementDto): Promise<AgreementDto> {
    return agreementView(await this.agreements.create(dto, ADMIN), today());
  }

  async updateAgreement(id: string, dto: UpdateAgreementDto): Promise<AgreementDto> {
    return agreementView(await this.agreements.update(id, dto, ADMIN), today());
  }

  async addMapping(id: string, dto: CreateMappingDto): Promise<MappingViewDto> {
    return mappingView(await this.agreements.addMapping(id, dto, ADMIN));
  }

  async removeMapping(id: string, mappingId: string): Promise<void> {
    await this.agreements.removeMapping(id, mappingId, ADMIN);
  }
}
