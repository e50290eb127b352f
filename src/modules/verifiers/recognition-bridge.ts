import { Injectable } from '@nestjs/common';
import type { Credential } from '../../vc/issue.js';
import { readCertification } from '../../vc/open-badges.js';
import { standardRefsOf } from '../credentials/credential-claims.js';
import {
  isEvaluable,
  outsideAccreditationAnswer,
  unreadableCredentialAnswer,
  type CredentialFacts,
  type DecisionFacts,
  type RecognitionResult,
} from '../recognition/recognition-engine.js';
import { RecognitionService } from '../recognition/services/recognition.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { OUTSIDE_ACCREDITATION, type PipelineResult } from './verification-pipeline.service.js';

export type RecognitionAnswer = RecognitionResult;

type Subject = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : null);
const num = (value: unknown) => (typeof value === 'number' ? value : null);
const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : null);

/**
 * Turns a verified credential into the facts the recognition engine decides on: what the
 * credential itself says, plus the registry's verdict (status, accreditation at issuance).
 */
@Injectable()
export class RecognitionBridge {
  constructor(
    private readonly recognition: RecognitionService,
    private readonly reference: ReferenceService,
  ) {}

  async evaluate(
    pipeline: PipelineResult,
    destinationCountry: string,
    purpose: string,
    date: Date,
  ): Promise<RecognitionAnswer> {
    // The engine only ever sees a credential the pipeline parsed, with readable dates.
    if (!pipeline.credential) return unreadableCredentialAnswer();
    const accreditation = pipeline.checks.find((check) => check.id === 'accreditation');
    if (accreditation?.code === OUTSIDE_ACCREDITATION && pipeline.status === 'VALID') {
      return outsideAccreditationAnswer();
    }
    const facts = await this.factsOf(pipeline.credential, pipeline);
    if (!isEvaluable(facts)) return unreadableCredentialAnswer();
    const result = await this.recognition.evaluate({
      facts,
      destinationCountry,
      purpose,
      date: date.toISOString().slice(0, 10),
      verification: {
        status: pipeline.status,
        identityVerified: Boolean(readCertification(pipeline.credential)?.subject.identityDocument),
        issuerAuthorised: accreditation?.status === 'passed',
      },
    });
    return {
      ...result,
      equivalent: await this.inDestinationTerms(result.equivalent, destinationCountry),
    };
  }

  /**
   * The equivalent's level in the destination's own framework. A decision's equivalent carries
   * the level the deciding country granted (CO-MNC 6 for a Colombian convalidación); a Peruvian
   * answer says it in the Peruvian framework, through the meta level both are referenced to, or
   * by the meta level alone when the destination has no framework level for it.
   */
  private async inDestinationTerms(
    equivalent: RecognitionResult['equivalent'],
    destinationCountry: string,
  ): Promise<RecognitionResult['equivalent']> {
    if (!equivalent?.framework || equivalent.level === null) return equivalent;
    const frameworks = await this.reference.listFrameworks();
    const own = frameworks.find((f) => f.code === equivalent.framework);
    if (own?.country === destinationCountry) return equivalent;
    const metaLevel =
      equivalent.metaLevel ??
      own?.levels.find((l) => l.level === equivalent.level)?.metaLevel ??
      null;
    const target = frameworks
      .filter((f) => f.kind === 'NATIONAL' && f.country === destinationCountry)
      .map((f) => ({
        f,
        level: f.levels.find((l) => metaLevel !== null && l.metaLevel === metaLevel),
      }))
      .find(({ level }) => level);
    return {
      ...equivalent,
      framework: target?.f.code ?? null,
      level: target?.level?.level ?? null,
      metaLevel,
    };
  }

  private async factsOf(
    credential: Credential,
    pipeline: PipelineResult,
  ): Promise<CredentialFacts> {
    // An Open Badge we issued is decided on as the certificate or title it carries.
    const reading = readCertification(credential);
    const type = reading?.type ?? 'CompetencyCertificationCredential';
    const subject = reading?.subject ?? ((credential.credentialSubject ?? {}) as Subject);
    const recognised = ((subject.recognisedCredential as Subject | undefined)?.summary ??
      {}) as Subject;
    const level = subject.nationalLevel as { framework?: string; level?: number } | undefined;
    const metaLevel =
      level?.framework && typeof level.level === 'number'
        ? ((await this.reference.metaLevelOf(level.framework, level.level)) ?? null)
        : null;
    const standardIds = await Promise.all(
      standardRefsOf(subject).map(
        async ({ code, version }) =>
          (await this.reference.getStandard(code, { version }))?.id ?? code,
      ),
    );
    const issuerCountry = pipeline.issuer?.country ?? '';
    let decision: DecisionFacts | null = null;
    if (type === 'RecognitionDecisionCredential') {
      const authority = subject.authority as { country?: string } | undefined;
      decision = {
        decidingCountry: authority?.country ?? issuerCountry,
        outcome: (text(subject.outcome) ?? 'DENIED') as DecisionFacts['outcome'],
        effects: Array.isArray(subject.effects) ? (subject.effects as string[]) : [],
        recognisedTitle: text(subject.equivalentTitle),
        equivalentLevel: (subject.equivalentLevel as DecisionFacts['equivalentLevel']) ?? null,
        decisionNumber: text(subject.decisionNumber),
        conditions: Array.isArray(subject.conditions) ? (subject.conditions as string[]) : [],
      };
    }
    return {
      type,
      issuingCountry: issuerCountry,
      issuerSlug: pipeline.issuer?.slug ?? '',
      validFrom: day(credential.validFrom) ?? '',
      validUntil: day(credential.validUntil),
      metaLevel,
      iscedLevel: num(subject.iscedLevel) ?? num(recognised.iscedLevel),
      iscedField: text(subject.iscedField) ?? text(recognised.iscedField),
      occupation: text(subject.isco08),
      standardIds,
      decision,
    };
  }
}
