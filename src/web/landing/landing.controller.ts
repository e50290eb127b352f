import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createRequire } from 'node:module';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { pageLang } from '../cookies.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { renderLandingPage } from './landing-page.js';
import { isClaimCodeFormat, linkTokenOf } from './verify-link.js';

// The QR decoder for browsers without a native one, served from our own origin (no CDN): the
// browser bundle of the jsqr package, exactly as installed.
const JSQR_BUNDLE = createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js');

/** The home page, its "verify a credential" form, and the QR decoder it may load. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class LandingController {
  private readonly secureCookies: boolean;

  constructor(@InjectConfig() config: AppConfig) {
    this.secureCookies = config.publicBaseUrl.startsWith('https:');
  }

  @Get()
  home(@Req() req: Request, @Res() res: Response): void {
    const lang = pageLang(req, res, this.secureCookies);
    this.send(res, renderLandingPage({ lang }));
  }

  /** A pasted link or code (or a scanned QR): its verification page, or the form again. */
  @Get('verify')
  verify(@Req() req: Request, @Res() res: Response): void {
    const code = typeof req.query.code === 'string' ? req.query.code.slice(0, 2048) : '';
    const token = linkTokenOf(code);
    if (token) return res.redirect(303, `/v/${token}`);
    const lang = pageLang(req, res, this.secureCookies);
    // A claim code is not wrong, only the wrong thing to check: say what it is (and do not
    // print it back into the page).
    if (isClaimCodeFormat(code))
      return this.send(res, renderLandingPage({ lang, claimCode: true }));
    this.send(res, renderLandingPage({ lang, code, invalid: true }), 400);
  }

  @Get('assets/vendor/jsqr.js')
  jsqr(@Res() res: Response): void {
    res.sendFile(JSQR_BUNDLE, {
      maxAge: '7d',
      headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
    });
  }

  private send(res: Response, html: string, status = 200): void {
    res
      .status(status)
      .set({ 'Cache-Control': 'no-cache', Vary: 'Accept-Language, Cookie' })
      .type('html')
      .send(html);
  }
}
