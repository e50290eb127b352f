import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { CredentialRecordsService } from '../../credentials/services/credential-records.service.js';
import { IssuanceService } from '../../credentials/services/issuance.service.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { OPEN_STATUSES } from '../case-lifecycle.js';
import { median, termView, type CaseView, type PrecedentView } from '../case-views.js';
import { assuranceLevelOf, decisionSubject, verifiedAtSubmission } from '../decision-credential.js';
import { localDate } from '../deadlines.js';
import type { DecideCaseDto, InfoRequestDto } from '../dto/case-input.dto.js';
import { RecognitionCase, type CaseDecision } from '../entities/recognition-case.entity.js';
import type { ProcedureRoute } from '../procedure-rules.js';
import type { CaseOutcome, CaseStatus } from '../recognition-cases.constants.js';
import { CaseStoreService, rulesOf } from './case-store.service.js';
import { CompetentAuthoritiesService } from './competent-authorities.service.js';
import { primaryOf } from './holder-cases.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

export interface AuthorityCaseView extends CaseView {
  precedents: PrecedentView[];
}

export interface CaseworkFigures {
  authority: string;
  openCases: number;
  overdueCases: number;
  decidedCases: number;
  /** Calendar days from submission to decision, median over decided cases; null with none. */
  medianDaysToDecision: number | null;
  /** Decided cases by procedure route, then by outcome. */
  outcomesByRoute: Record<string, Partial<Record<CaseOutcome, number>>>;
  /** Decided cases by the legalisation route of the origin, then by outcome. */
  outcomesByLegalisation: Record<string, Partial<Record<CaseOutcome, number>>>;
}

const DAY_MS = 86_400_000;

/** The authority, and which of its case workers when the console acted. */
export const auditActorOf = (caller: IssuerPrincipal): string =>
  'caseWorkerId' in caller
    ? `issuer:${caller.slug}/case-worker:${caller.caseWorkerId}`
    : `issuer:${caller.slug}`;

/**
 * The competent authority's side of casework, through its issuer API key: the queue by deadline,
 * a case with its evidence and precedents, requests for information, and the decision, which the
 * registry issues as a RecognitionDecisionCredential straight into the holder's records. Another
 * authority's case is unknown (404).
 */
@Injectable()
export class CaseworkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CaseStoreService,
    private readonly authorities: CompetentAuthoritiesService,
    private readonly records: CredentialRecordsService,
    private readonly issuance: IssuanceService,
    private readonly reference: ReferenceService,
  ) {}

  /**
   * Open cases (or those of the given statuses), the nearest deadline first; paused cases
   * (information requested) and closed ones last.
   */
  async queue(
    caller: IssuerPrincipal,
    statuses: readonly CaseStatus[] = OPEN_STATUSES,
  ): Promise<CaseView[]> {
    const { issuer } = await this.authorities.forCaller(caller);
    const rows = await this.dataSource.getRepository(RecognitionCase).find({
      where: { authorityId: issuer.id, status: In([...statuses]) },
      order: { submittedAt: 'ASC' },
    });
    const views = await this.store.views(rows);
    return views.sort(
      (a, b) =>
        (a.term.deadline ?? '9999-12-31').localeCompare(b.term.deadline ?? '9999-12-31') ||
        a.submittedAt.getTime() - b.submittedAt.getTime(),
    );
  }

  async get(caller: IssuerPrincipal, id: string): Promise<AuthorityCaseView> {
    const { issuer } = await this.authorities.forCaller(caller);
    const row = await this.store.require({ authorityId: issuer.id }, id);
    return { ...(await this.store.view(row)), precedents: await this.precedents(row) };
  }

  async startReview(caller: IssuerPrincipal, id: string): Promise<CaseView> {
    const { issuer } = await this.authorities.forCaller(caller);
    const row = await this.store.move({ authorityId: issuer.id }, id, {
      to: 'IN_REVIEW',
      actor: 'AUTHORITY',
      auditActor: auditActorOf(caller),
    });
    return this.store.view(row);
  }

  /** Asks the holder for information: the legal clock stops until they answer. */
  async requestInfo(caller: IssuerPrincipal, id: string, dto: InfoRequestDto): Promise<CaseView> {
    const { issuer } = await this.authorities.forCaller(caller);
    const row = await this.store.move({ authorityId: issuer.id }, id, {
      to: 'INFO_REQUESTED',
      actor: 'AUTHORITY',
      auditActor: auditActorOf(caller),
      message: { kind: 'INFO_REQUEST', body: dto.message, files: [] },
    });
    return this.store.view(row);
  }

  /**
   * Decides: the decision is signed by the authority as a RecognitionDecisionCredential into the
   * holder's records; the case is closed in the same transaction as the credential is stored.
   */
  async decide(
    caller: IssuerPrincipal,
    id: string,
    dto: DecideCaseDto,
  ): Promise<AuthorityCaseView> {
    const { issuer, rules } = await this.authorities.forCaller(caller);
    const owner = { authorityId: issuer.id };
    const row = await this.store.require(owner, id);
    if (!OPEN_STATUSES.includes(row.status)) {
      throw new AppError('INVALID_STATUS_TRANSITION', `The case is ${row.status}.`);
    }
    await this.checkDecision(dto);
    const records = await this.records.findByIds(row.credentialIds);
    const recognised = primaryOf(records);
    const now = new Date();
    const decision: CaseDecision = {
      outcome: dto.outcome as CaseOutcome,
      decisionNumber: dto.decisionNumber,
      decisionDate: localDate(now, rules.timeZone),
      route: (dto.route ?? row.route) as ProcedureRoute,
      equivalentTitle: dto.equivalentTitle ?? null,
      equivalentLevel: dto.equivalentLevel
        ? { framework: dto.equivalentLevel.framework, level: dto.equivalentLevel.level }
        : null,
      effects: dto.effects,
      conditions: (dto.conditions ?? []).map((c) => ({ kind: c.kind, description: c.description })),
      reasons: dto.reasons ?? [],
      assuranceLevel: assuranceLevelOf(
        row.legalisation,
        verifiedAtSubmission(row.evidence, recognised.id),
      ),
    };
    const credentialSubject = decisionSubject({
      recognised,
      authority: { name: issuer.legalName, country: issuer.country },
      rules,
      decision,
      legalisation: row.legalisation,
    });
    if (!recognised.identityDocumentId) {
      throw new AppError('UNPROCESSABLE', 'The recognised credential names no identity document.');
    }
    await this.issuance.issueToHolder(
      caller,
      {
        type: 'RecognitionDecisionCredential',
        validFrom: now,
        credentialSubject,
        holderId: row.holderId,
        identityDocumentId: recognised.identityDocumentId,
      },
      async (manager, credentialId) => {
        await this.store.moveIn(manager, owner, id, {
          to: 'DECIDED',
          actor: 'AUTHORITY',
          auditActor: auditActorOf(caller),
          changes: { decision, decisionCredentialId: credentialId },
        });
      },
    );
    return this.get(caller, id);
  }

  async figures(caller: IssuerPrincipal): Promise<CaseworkFigures> {
    const { issuer } = await this.authorities.forCaller(caller);
    const rows = await this.dataSource
      .getRepository(RecognitionCase)
      .find({ where: { authorityId: issuer.id } });
    const now = new Date();
    const open = rows.filter((row) => OPEN_STATUSES.includes(row.status));
    const decided = rows.filter((row) => row.status === 'DECIDED' && row.decision && row.closedAt);
    const tally = (key: (row: RecognitionCase) => string) => {
      const table: CaseworkFigures['outcomesByRoute'] = {};
      for (const row of decided) {
        const outcome = row.decision!.outcome;
        const counts = (table[key(row)] ??= {});
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
      return table;
    };
    return {
      authority: issuer.slug,
      openCases: open.length,
      overdueCases: open.filter((row) => termView(row, rulesOf(row), now).overdue).length,
      decidedCases: decided.length,
      medianDaysToDecision: median(
        decided.map((row) =>
          Math.round((row.closedAt!.getTime() - row.submittedAt.getTime()) / DAY_MS),
        ),
      ),
      outcomesByRoute: tally((row) => row.decision!.route),
      outcomesByLegalisation: tally((row) => row.legalisation),
    };
  }

  async file(caller: IssuerPrincipal, caseId: string, fileId: string) {
    const { issuer } = await this.authorities.forCaller(caller);
    return this.store.file({ authorityId: issuer.id }, caseId, fileId);
  }

  /**
   * Earlier decisions of this authority on the same origin institution and programme, or on a
   * credential of the same standard: the administrative precedent.
   */
  private async precedents(row: RecognitionCase): Promise<PrecedentView[]> {
    const query = this.dataSource
      .getRepository(RecognitionCase)
      .createQueryBuilder('c')
      .where('c.authority_id = :authorityId', { authorityId: row.authorityId })
      .andWhere("c.status = 'DECIDED'")
      .andWhere('c.id <> :id', { id: row.id });
    const sameOrigin = row.originInstitution !== null && row.originProgramme !== null;
    const sameStandard = row.standardIds.length > 0;
    if (!sameOrigin && !sameStandard) return [];
    const matches = [
      ...(sameOrigin
        ? ['(c.origin_institution = :institution AND c.origin_programme = :programme)']
        : []),
      ...(sameStandard ? ['c.standard_ids && CAST(:standards AS text[])'] : []),
    ];
    query.andWhere(`(${matches.join(' OR ')})`, {
      institution: row.originInstitution,
      programme: row.originProgramme,
      standards: row.standardIds,
    });
    const rows = await query.orderBy('c.closed_at', 'DESC').limit(20).getMany();
    return rows.map((precedent) => ({
      caseId: precedent.id,
      decisionNumber: precedent.decision!.decisionNumber,
      decisionDate: precedent.decision!.decisionDate,
      outcome: precedent.decision!.outcome,
      route: precedent.decision!.route,
      equivalentTitle: precedent.decision!.equivalentTitle,
      conditions: precedent.decision!.conditions,
      match:
        sameOrigin &&
        precedent.originInstitution === row.originInstitution &&
        precedent.originProgramme === row.originProgramme
          ? 'ORIGIN_PROGRAMME'
          : 'STANDARD',
    }));
  }

  private async checkDecision(dto: DecideCaseDto): Promise<void> {
    const errors: FieldError[] = [];
    const refused = dto.outcome === 'REFUSED';
    if (!refused && !dto.equivalentTitle) {
      errors.push({ path: 'equivalentTitle', message: 'required unless REFUSED' });
    }
    if (!refused && !dto.equivalentLevel) {
      errors.push({ path: 'equivalentLevel', message: 'required unless REFUSED' });
    }
    const conditions = dto.conditions?.length ?? 0;
    if (dto.outcome === 'RECOGNISED_WITH_CONDITIONS' && conditions === 0) {
      errors.push({ path: 'conditions', message: 'at least one for RECOGNISED_WITH_CONDITIONS' });
    }
    if (dto.outcome !== 'RECOGNISED_WITH_CONDITIONS' && conditions > 0) {
      errors.push({ path: 'conditions', message: 'only for RECOGNISED_WITH_CONDITIONS' });
    }
    if (refused && (dto.reasons?.length ?? 0) === 0) {
      errors.push({ path: 'reasons', message: 'at least one for REFUSED' });
    }
    if (errors.length > 0) {
      throw new AppError('UNPROCESSABLE', 'The decision is incomplete.', { errors });
    }
    const level = dto.equivalentLevel;
    if (level && !(await this.reference.frameworkLevelExists(level.framework, level.level))) {
      throw new AppError('INVALID_REFERENCE', 'Unknown framework level.', {
        errors: [
          { path: 'equivalentLevel', message: `no level ${level.level} in ${level.framework}` },
        ],
      });
    }
  }
}
