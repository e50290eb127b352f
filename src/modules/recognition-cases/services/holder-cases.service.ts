import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import {
  CredentialRecordsService,
  type CredentialRecord,
} from '../../credentials/services/credential-records.service.js';
import { HolderDocumentsService } from '../../holder-identity/holder-documents.service.js';
import { VerificationAnswersService } from '../../verifiers/verification-answers.service.js';
import { checkFiles, type IncomingFile } from '../case-files.js';
import type { CaseView } from '../case-views.js';
import { localDate } from '../deadlines.js';
import type { CaseMessageDto, OpenCaseDto } from '../dto/case-input.dto.js';
import { RecognitionCase, type CaseEvidence } from '../entities/recognition-case.entity.js';
import { termOf, type ProcedureRoute } from '../procedure-rules.js';
import type { LegalisationRoute } from '../recognition-cases.constants.js';
import { CaseStoreService } from './case-store.service.js';
import { CompetentAuthoritiesService } from './competent-authorities.service.js';

type Subject = Record<string, unknown>;

/** A case to open: the API's body, or the portal's form with its files as uploaded bytes. */
export type OpenCaseInput = Omit<OpenCaseDto, 'files'> & { files?: IncomingFile[] };
/** An answer: the API's body, or the portal's form with its files as uploaded bytes. */
export type CaseMessageInput = Omit<CaseMessageDto, 'files'> & { files?: IncomingFile[] };
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** The credential a decision recognises: the first title of the case, else its first credential. */
export function primaryOf<T extends { type: string }>(records: T[]): T {
  return records.find((r) => r.type === 'AcademicTitleCredential') ?? records[0];
}

function originOf(record: CredentialRecord): {
  institution: string | null;
  programme: string | null;
} {
  const subject = (record.document.credentialSubject ?? {}) as Subject;
  const institution = (subject.institution as { name?: unknown } | undefined)?.name;
  return { institution: text(institution), programme: text(subject.programme) };
}

function standardCodesOf(records: CredentialRecord[]): string[] {
  return records.flatMap((record) => {
    const standards = ((record.document.credentialSubject ?? {}) as Subject).standards;
    return Array.isArray(standards)
      ? standards.flatMap((s) => (text((s as Subject).code) ? [String((s as Subject).code)] : []))
      : [];
  });
}

/**
 * The holder's side of casework: open a case on credentials from their records (the registry
 * verifies each and asks the engine for a pre-assessment), follow it, answer a request for
 * information, withdraw. Another holder's case is unknown (404).
 */
@Injectable()
export class HolderCasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CaseStoreService,
    private readonly authorities: CompetentAuthoritiesService,
    private readonly documents: HolderDocumentsService,
    private readonly records: CredentialRecordsService,
    private readonly verifications: VerificationAnswersService,
  ) {}

  async open(holderId: string, dto: OpenCaseInput): Promise<CaseView> {
    const { issuer, rules } = await this.authorities.resolve(dto.destinationCountry, dto.authority);
    const route = (dto.route ?? rules.defaultRoute) as ProcedureRoute;
    const term = termOf(rules, route);
    if (!term) {
      throw new AppError('INVALID_REFERENCE', `${rules.country} has no route ${route}.`, {
        errors: [
          { path: 'route', message: `one of ${rules.routes.map((r) => r.route).join(', ')}` },
        ],
      });
    }
    const documentIds = (await this.documents.documentsOf(holderId)).map((d) => d.id);
    const records: CredentialRecord[] = [];
    for (const id of dto.credentialIds) {
      const record = await this.records.findForHolder(holderId, documentIds, id);
      if (!record) throw new AppError('NOT_FOUND', `No credential ${id}.`);
      records.push(record);
    }
    const files = await checkFiles(dto.files ?? [], 'files');
    const evidence = await this.evidenceOf(records, dto.destinationCountry, dto.purpose);
    const origin = originOf(primaryOf(records));
    const now = new Date();
    const row = await this.store.insert(
      {
        holderId,
        authorityId: issuer.id,
        destinationCountry: dto.destinationCountry,
        purpose: dto.purpose,
        route,
        legalisation: dto.legalisation as LegalisationRoute,
        status: 'SUBMITTED',
        credentialIds: records.map((r) => r.id),
        originInstitution: origin.institution,
        originProgramme: origin.programme,
        standardIds: standardCodesOf(records),
        evidence,
        termDays: term.days,
        clockSince: localDate(now, rules.timeZone),
        daysUsed: 0,
        decision: null,
        decisionCredentialId: null,
        submittedAt: now,
        closedAt: null,
        updatedAt: now,
      },
      `holder:${holderId}`,
      dto.statement || files.length > 0 ? { body: dto.statement ?? '', files } : null,
    );
    return this.store.view(row);
  }

  async list(holderId: string): Promise<CaseView[]> {
    const rows = await this.dataSource
      .getRepository(RecognitionCase)
      .find({ where: { holderId }, order: { submittedAt: 'DESC' } });
    return this.store.views(rows);
  }

  async get(holderId: string, id: string): Promise<CaseView> {
    return this.store.view(await this.store.require({ holderId }, id));
  }

  /** The holder's answer to a request for information: the clock runs again. */
  async answer(holderId: string, id: string, dto: CaseMessageInput): Promise<CaseView> {
    const files = await checkFiles(dto.files ?? [], 'files');
    const row = await this.store.move({ holderId }, id, {
      to: 'IN_REVIEW',
      actor: 'HOLDER',
      auditActor: `holder:${holderId}`,
      message: { kind: 'ANSWER', body: dto.message, files },
    });
    return this.store.view(row);
  }

  async withdraw(holderId: string, id: string): Promise<CaseView> {
    const row = await this.store.move({ holderId }, id, {
      to: 'WITHDRAWN',
      actor: 'HOLDER',
      auditActor: `holder:${holderId}`,
    });
    return this.store.view(row);
  }

  async file(holderId: string, caseId: string, fileId: string) {
    return this.store.file({ holderId }, caseId, fileId);
  }

  /** Each credential verified as a verifier in the destination would, and the engine's answer. */
  private async evidenceOf(
    records: CredentialRecord[],
    destinationCountry: string,
    purpose: string,
  ): Promise<CaseEvidence> {
    const credentials: CaseEvidence['credentials'] = [];
    let preAssessment: CaseEvidence['preAssessment'] = null;
    const primary = primaryOf(records);
    for (const record of records) {
      const { pipeline, recognition } = await this.verifications.verifyPresented(
        record.jwt ?? record.document,
        { destinationCountry, purpose },
      );
      credentials.push({
        id: record.id,
        type: record.type,
        sha256: record.sha256,
        status: pipeline.status,
        verified: pipeline.verified,
        summary: { ...pipeline.summary },
      });
      if (record === primary && recognition) {
        preAssessment = {
          credentialId: record.id,
          outcome: recognition.outcome,
          reasons: recognition.reasons,
          agreement: recognition.agreement,
          equivalent: recognition.equivalent,
          conditions: recognition.conditions,
          missingUnits: recognition.missingUnits,
          rulesVersion: recognition.rulesVersion,
        };
      }
    }
    return { credentials, preAssessment };
  }
}
