import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendCacheable } from '../../common/http/conditional.js';
import { RateLimited } from '../../common/http/rate-limit.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import {
  VerificationResponseDto,
  VerifyPageQueryDto,
} from '../../modules/verifiers/dto/verification.dto.js';
import { pageLang } from '../cookies.js';
import { PageOrProblemFilter } from '../web-error.filter.js';
import { VerifyPageService } from './verify-page.service.js';

/** The page a QR code opens: HTML for people, JSON for programs. */
@ApiTags('verification')
@Controller('v')
export class VerifyPageController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly pages: VerifyPageService,
    @InjectConfig() config: AppConfig,
  ) {
    this.secureCookies = config.publicBaseUrl.startsWith('https:');
  }

  @Get(':token')
  @RateLimited('verify')
  @UseFilters(PageOrProblemFilter)
  @ApiOperation({
    summary: 'The verification page of a link (HTML; JSON with Accept: application/json)',
    description:
      'The verification page behind a verify or share link: the verdict, what was certified, by whom and for whom, and with `country`/`purpose` the recognition answer. HTML by default (es, pt, en by `lang`); JSON with `Accept: application/json`. A stopped share is 410.',
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
    res.set({
      'Cache-Control': 'no-store',
      'Content-Language': lang,
      Vary: 'Accept, Accept-Language, Cookie',
    });
    const answer = await this.pages.answer(token, query, {
      lang,
      json,
      acceptLanguage: req.get('accept-language'),
    });
    if (answer.kind === 'html') {
      res.status(answer.status).type('html').send(answer.html);
      return;
    }
    // The JSON is the same in every language. A CDN may keep it but asks again each time
    // (If-None-Match, answered 304 from memory), so a revocation shows on the next check and
    // each check is still recorded.
    res.set('Vary', 'Accept').removeHeader('Content-Language');
    sendCacheable(req, res, {
      ...answer,
      type: 'application/json',
      cacheControl: 'public, no-cache',
    });
  }

  @Get(':token/qr.svg')
  @RateLimited('verify')
  @ApiOperation({
    summary: 'The link as a QR code (SVG)',
    description: "The link's QR code as SVG, to print or show.",
  })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'SVG' })
  @ApiProblems('NOT_FOUND', 'RATE_LIMITED')
  async qrSvg(@Param('token') token: string, @Res() res: Response): Promise<void> {
    res
      .type('image/svg+xml')
      .set('Cache-Control', 'public, max-age=86400')
      .send(await this.pages.qrSvg(token));
  }

  @Get(':token/qr.png')
  @RateLimited('verify')
  @ApiOperation({
    summary: 'The link as a QR code (PNG)',
    description: "The link's QR code as PNG, to print or show.",
  })
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'PNG' })
  @ApiProblems('NOT_FOUND', 'RATE_LIMITED')
  async qrPng(@Param('token') token: string, @Res() res: Response): Promise<void> {
    res
      .type('image/png')
      .set('Cache-Control', 'public, max-age=86400')
      .send(await this.pages.qrPng(token));
  }
}
