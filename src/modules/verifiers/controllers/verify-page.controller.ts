import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { AppError } from '../../../common/errors/app-error.js';
import { RateLimited } from '../../../common/http/rate-limit.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import { pageLang } from '../../../web/cookies.js';
import { renderGonePage, renderVerifyPage } from '../../../web/verify/verify-page.js';
import { PageOrProblemFilter } from '../../../web/web-error.filter.js';
import { PURPOSES } from '../../recognition/recognition.constants.js';
import { VerificationResponseDto, VerifyPageQueryDto } from '../dto/verification.dto.js';
import { linkView } from '../verification-views.js';
import { VerifiersService } from '../verifiers.service.js';

const GONE_PAGES: Partial<Record<string, 'notFound' | 'shareRevoked' | 'shareExpired'>> = {
  NOT_FOUND: 'notFound',
  SHARE_REVOKED: 'shareRevoked',
  SHARE_EXPIRED: 'shareExpired',
};

function accreditedAtIssuance(checks: { id: string; status: string }[]): boolean | null {
  const check = checks.find((c) => c.id === 'accreditation');
  if (!check || check.status === 'skipped') return null;
  return check.status === 'passed';
}

/** The page a QR code opens: HTML for people, JSON for programs. */
@ApiTags('verification')
@Controller('v')
export class VerifyPageController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly verifiers: VerifiersService,
    @InjectConfig() config: AppConfig,
  ) {
    this.secureCookies = config.publicBaseUrl.startsWith('https:');
  }

  @Get(':token')
  @RateLimited('verify')
  @UseFilters(PageOrProblemFilter)
  @ApiOperation({
    summary: 'The verification page of a link (HTML; JSON with Accept: application/json)',
  })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({ type: VerificationResponseDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    'INVALID_REFERENCE',
    'NOT_FOUND',
    'SHARE_REVOKED',
    'SHARE_EXPIRED',
    'RATE_LIMITED',
  )
  async page(
    @Param('token') token: string,
    @Query() query: VerifyPageQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const json = req.accepts(['html', 'json']) === 'json';
    const lang = pageLang(req, res, this.secureCookies);
    const path = `/v/${token}`;
    res.set({
      'Cache-Control': 'no-store',
      'Content-Language': lang,
      Vary: 'Accept, Accept-Language, Cookie',
    });
    let answer;
    try {
      answer = await this.verifiers.verifyLink(token, {
        destinationCountry: query.country,
        purpose: query.country ? (query.purpose ?? 'EMPLOYMENT') : undefined,
      });
    } catch (error) {
      if (json || !(error instanceof AppError)) throw error;
      const page = GONE_PAGES[error.code];
      if (!page) throw error;
      res
        .status(error.status)
        .type('html')
        .send(renderGonePage(lang, path, page));
      return;
    }
    if (json) {
      res.json(linkView(answer));
      return;
    }
    const html = renderVerifyPage({
      lang,
      path,
      url: this.verifiers.linkFor(token),
      date: new Date(),
      items: answer.items.map(({ pipeline, recognition }) => ({
        status: pipeline.status,
        summary: pipeline.summary,
        accredited: accreditedAtIssuance(pipeline.checks),
        recognition,
      })),
      countries: await this.verifiers.countries(lang),
      purposes: PURPOSES,
      country: query.country,
      purpose: query.purpose,
    });
    res.type('html').send(html);
  }

  @Get(':token/qr.svg')
  @RateLimited('verify')
  @ApiOperation({ summary: 'The link as a QR code (SVG)' })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'SVG' })
  @ApiProblems('NOT_FOUND', 'RATE_LIMITED')
  async qrSvg(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const url = await this.linkOf(token);
    res
      .type('image/svg+xml')
      .set('Cache-Control', 'public, max-age=86400')
      .send(await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }));
  }

  @Get(':token/qr.png')
  @RateLimited('verify')
  @ApiOperation({ summary: 'The link as a QR code (PNG)' })
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'PNG' })
  @ApiProblems('NOT_FOUND', 'RATE_LIMITED')
  async qrPng(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const url = await this.linkOf(token);
    res
      .type('image/png')
      .set('Cache-Control', 'public, max-age=86400')
      .send(
        await QRCode.toBuffer(url, {
          type: 'png',
          margin: 2,
          width: 512,
          errorCorrectionLevel: 'M',
        }),
      );
  }

  private async linkOf(token: string): Promise<string> {
    await this.verifiers.resolveLink(token);
    return this.verifiers.linkFor(token);
  }
}
