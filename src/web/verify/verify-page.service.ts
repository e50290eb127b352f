import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { AppError } from '../../common/errors/app-error.js';
import { strongEtag } from '../../common/http/conditional.js';
import type { Lang } from '../../common/i18n/i18n.js';
import { PURPOSES } from '../../modules/recognition/recognition.constants.js';
import type { VerifyPageQueryDto } from '../../modules/verifiers/dto/verification.dto.js';
import { linkView } from '../../modules/verifiers/verification-views.js';
import {
  VerificationAnswersService,
  type LinkAnswer,
} from '../../modules/verifiers/verification-answers.service.js';
import { renderGonePage, renderVerifyPage } from './verify-page.js';

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

  constructor(private readonly verifiers: VerificationAnswersService) {}

  async answer(
    token: string,
    query: VerifyPageQueryDto,
    options: { lang: Lang; json: boolean },
  ): Promise<VerifyPageAnswer> {
    const path = `/v/${token}`;
    let answer;
    try {
      answer = await this.verifiers.verifyLink(token, linkRequest(query));
    } catch (error) {
      // Programs get the problem document; people get a page saying the link is gone.
      const page = error instanceof AppError ? GONE_PAGES[error.code] : undefined;
      if (options.json || !page) throw error;
      return {
        kind: 'html',
        status: (error as AppError).status,
        html: renderGonePage(options.lang, path, page),
      };
    }
    if (options.json) return { kind: 'json', ...this.serialise(answer) };
    const html = renderVerifyPage({
      lang: options.lang,
      path,
      url: this.verifiers.linkFor(token),
      date: new Date(),
      items: answer.items.map(({ pipeline, recognition }) => ({
        status: pipeline.status,
        summary: pipeline.summary,
        accredited: accreditedAtIssuance(pipeline.checks),
        recognition,
      })),
      countries: await this.verifiers.countries(options.lang),
      purposes: PURPOSES,
      country: query.country,
      purpose: query.purpose,
    });
    return { kind: 'html', status: 200, html };
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
