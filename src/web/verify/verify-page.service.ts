import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { AppError } from '../../common/errors/app-error.js';
import { strongEtag } from '../../common/http/conditional.js';
import { countryFromAcceptLanguage, type Lang } from '../../common/i18n/i18n.js';
import { PURPOSES } from '../../modules/recognition/recognition.constants.js';
import { ReferenceService } from '../../modules/reference/reference.service.js';
import { META_FRAMEWORK_CODE } from '../../modules/reference/reference.types.js';
import type { VerifyPageQueryDto } from '../../modules/verifiers/dto/verification.dto.js';
import { OUTSIDE_ACCREDITATION } from '../../modules/verifiers/verification-pipeline.service.js';
import { linkView } from '../../modules/verifiers/verification-views.js';
import {
  VerificationAnswersService,
  type LinkAnswer,
} from '../../modules/verifiers/verification-answers.service.js';
import { isClaimCodeFormat } from '../landing/verify-link.js';
import { decisionViewOf } from './decision-view.js';
import {
  renderClaimCodePage,
  renderGonePage,
  renderVerifyPage,
  type LevelReference,
} from './verify-page.js';

const GONE_PAGES: Partial<Record<string, 'notFound' | 'shareRevoked' | 'shareExpired'>> = {
  NOT_FOUND: 'notFound',
  SHARE_REVOKED: 'shareRevoked',
  SHARE_EXPIRED: 'shareExpired',
};

/**
 * What `/v/<token>` answers: JSON for programs (its bytes and their strong ETag), a page (or the
 * page of a gone link) for people.
 */
export type VerifyPageAnswer =
  { kind: 'json'; body: string; etag: string } | { kind: 'html'; status: number; html: string };

function accreditedAtIssuance(checks: { id: string; status: string }[]): boolean | null {
  const check = checks.find((c) => c.id === 'accreditation');
  if (!check || check.status === 'skipped') return null;
  return check.status === 'passed';
}

function linkRequest(query: Pick<VerifyPageQueryDto, 'country' | 'purpose'>) {
  return {
    destinationCountry: query.country,
    purpose: query.country ? (query.purpose ?? 'EMPLOYMENT') : undefined,
  };
}

@Injectable()
export class VerifyPageService {
  // A link answered from cache is the same object each time: its JSON is serialised once.
  private readonly serialised = new WeakMap<LinkAnswer, { body: string; etag: string }>();

  constructor(
    private readonly verifiers: VerificationAnswersService,
    private readonly reference: ReferenceService,
  ) {}

  async answer(
    token: string,
    query: VerifyPageQueryDto,
    options: { lang: Lang; json: boolean; acceptLanguage?: string },
  ): Promise<VerifyPageAnswer> {
    const path = `/v/${token}`;
    let answer;
    try {
      answer = await this.verifiers.verifyLink(token, linkRequest(query));
    } catch (error) {
      // Programs get the problem document; people get a page saying the link is gone.
      const page = error instanceof AppError ? GONE_PAGES[error.code] : undefined;
      if (options.json || !page) throw error;
      // Someone typed the holder's claim code into the address: say what it is.
      const html =
        page === 'notFound' && isClaimCodeFormat(token)
          ? renderClaimCodePage(options.lang, path)
          : renderGonePage(options.lang, path, page);
      return { kind: 'html', status: (error as AppError).status, html };
    }
    if (options.json) return { kind: 'json', ...this.serialise(answer) };
    const countries = await this.verifiers.countries(options.lang);
    const known = new Set(countries.map((c) => c.code));
    const html = renderVerifyPage({
      lang: options.lang,
      path,
      url: this.verifiers.linkFor(token),
      date: new Date(),
      items: answer.items.map(({ pipeline, recognition, statusSince }) => ({
        status: pipeline.status,
        summary: pipeline.summary,
        accredited: accreditedAtIssuance(pipeline.checks),
        outsideAccreditation: pipeline.checks.some(
          (check) => check.id === 'accreditation' && check.code === OUTSIDE_ACCREDITATION,
        ),
        recognition,
        statusSince,
        decision: decisionViewOf(pipeline.summary.type, pipeline.credential?.credentialSubject),
      })),
      countries,
      purposes: PURPOSES,
      country: query.country,
      purpose: query.purpose,
      suggestedCountry: countryFromAcceptLanguage(options.acceptLanguage, (code) =>
        known.has(code),
      ),
      levels: await this.levels(options.lang),
      share: answer.shareExpiresAt
        ? {
            holderName: answer.items[0]?.pipeline.summary.holder.name ?? null,
            expiresAt: answer.shareExpiresAt,
          }
        : null,
    });
    return { kind: 'html', status: 200, html };
  }

  /** Every framework's levels with their meta level, and the meta levels' words. */
  private async levels(lang: Lang): Promise<LevelReference> {
    const frameworks = await this.reference.listFrameworks();
    const meta = frameworks.find((f) => f.code === META_FRAMEWORK_CODE);
    return {
      frameworks: frameworks.map((f) => ({ code: f.code, levels: f.levels })),
      metaNames: Object.fromEntries((meta?.levels ?? []).map((l) => [l.level, l.name[lang]])),
    };
  }

  /** The JSON of a link checked before and still current, from memory (the check is recorded). */
  cachedJson(
    token: string,
    query: Pick<VerifyPageQueryDto, 'country' | 'purpose'>,
  ): { body: string; etag: string } | undefined {
    const answer = this.verifiers.cachedLink(token, linkRequest(query));
    return answer && this.serialise(answer);
  }

  private serialise(answer: LinkAnswer): { body: string; etag: string } {
    let json = this.serialised.get(answer);
    if (!json) {
      const body = JSON.stringify(linkView(answer));
      json = { body, etag: strongEtag(body) };
      this.serialised.set(answer, json);
    }
    return json;
  }

  async qrSvg(token: string): Promise<string> {
    const url = await this.linkOf(token);
    return QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  }

  async qrPng(token: string): Promise<Buffer> {
    const url = await this.linkOf(token);
    return QRCode.toBuffer(url, { type: 'png', margin: 2, width: 512, errorCorrectionLevel: 'M' });
  }

  private async linkOf(token: string): Promise<string> {
    await this.verifiers.resolveLink(token);
    return this.verifiers.linkFor(token);
  }
}
