import { Body, Controller, Get, Ip, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import { RateLimited } from '../../common/http/rate-limit.js';
import {
  documentOf,
  LoginDto,
  RecoverDto,
  RegisterDto,
} from '../../modules/holders/dto/holder-auth.dto.js';
import { HolderAccountsService } from '../../modules/holders/services/holder-accounts.service.js';
import { HolderRecoveryService } from '../../modules/holders/services/holder-recovery.service.js';
import { renderRecoverPage, renderRecoveryCodesPage } from './portal-recovery-pages.js';
import { say as portalSay } from './portal-view.js';
import { renderLoginPage, renderSignupPage } from './portal-auth-pages.js';
import {
  Portal,
  PublicPage,
  SignedIn,
  type PortalContext,
  type SignedInContext,
} from './portal-context.js';
import { PortalCountries } from './portal-countries.js';
import { DOCUMENT_FIELDS, readForm, type FormBody } from './portal-forms.js';
import { PortalGuard } from './portal.guard.js';
import { PortalSessionService } from './portal-session.service.js';
import { sendPage } from './portal-view.js';
import { WebErrorFilter } from '../web-error.filter.js';

/** Codes the sign-in and sign-up forms explain in words; anything else is an error page. */
const FORM_PROBLEMS = new Set([
  'INVALID_CLAIM',
  'DOCUMENT_NUMBER_INVALID',
  'WEAK_PASSWORD',
  'ACCOUNT_EXISTS',
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'DOCUMENT_OF_ANOTHER_ACCOUNT',
  'INVALID_RECOVERY_CODE',
]);

export interface FormProblem {
  message: string;
  status: number;
}

/** The form's problem in words, or the error itself when the form cannot explain it. */
export function formProblem(ctx: PortalContext, error: unknown, res: Response): FormProblem {
  if (error instanceof AppError && FORM_PROBLEMS.has(error.code)) {
    res.set(error.headers);
    return { message: portalSay(ctx.lang, `err_${error.code}`), status: error.status };
  }
  throw error;
}

@ApiExcludeController()
@UseFilters(WebErrorFilter)
@UseGuards(PortalGuard)
@Controller('portal')
export class PortalAuthController {
  constructor(
    private readonly accounts: HolderAccountsService,
    private readonly recovery: HolderRecoveryService,
    private readonly sessions: PortalSessionService,
    private readonly countries: PortalCountries,
  ) {}

  @Get()
  @PublicPage()
  async home(
    @Portal() ctx: PortalContext,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    if (ctx.holder) return res.redirect(303, '/portal/credentials');
    const countries = await this.countries.options(ctx.lang);
    sendPage(res, renderLoginPage(ctx, { countries, done }));
  }

  @Get('signup')
  @PublicPage()
  async signupForm(@Portal() ctx: PortalContext, @Res() res: Response): Promise<void> {
    sendPage(res, renderSignupPage(ctx, { countries: await this.countries.options(ctx.lang) }));
  }

  @Post('signup')
  @PublicPage()
  @RateLimited('holder-auth')
  async signup(
    @Portal() ctx: PortalContext,
    @Body() body: FormBody,
    @Ip() client: string,
    @Res() res: Response,
  ): Promise<void> {
    const form = readForm(RegisterDto, body, ctx.lang, [
      ...DOCUMENT_FIELDS,
      'claimCode',
      'password',
    ]);
    const { password: _password, ...values } = form.values;
    const errors = form.errors;
    let problem: FormProblem | undefined;
    if (form.dto) {
      try {
        const { claimCode, password } = form.dto;
        const registered = await this.accounts.register(
          { document: documentOf(form.dto), claimCode, password },
          client,
        );
        this.sessions.start(res, registered);
        // The codes are shown on this answer only: they are stored hashed.
        const next = '/portal/credentials?done=registered';
        return sendPage(
          res,
          renderRecoveryCodesPage(ctx, { codes: registered.recoveryCodes, next }),
        );
      } catch (error) {
        problem = formProblem(ctx, error, res);
      }
    }
    const countries = await this.countries.options(ctx.lang);
    const page = renderSignupPage(ctx, { countries, values, errors, problem: problem?.message });
    sendPage(res, page, problem?.status ?? 400);
  }

  @Post('login')
  @PublicPage()
  @RateLimited('holder-auth')
  async login(
    @Portal() ctx: PortalContext,
    @Body() body: FormBody,
    @Ip() client: string,
    @Res() res: Response,
  ): Promise<void> {
    const form = readForm(LoginDto, body, ctx.lang, [...DOCUMENT_FIELDS, 'password']);
    const { password: _password, ...values } = form.values;
    const errors = form.errors;
    let problem: FormProblem | undefined;
    if (form.dto) {
      try {
        const login = { document: documentOf(form.dto), password: form.dto.password };
        this.sessions.start(res, await this.accounts.login(login, client));
        return res.redirect(303, '/portal/credentials');
      } catch (error) {
        problem = formProblem(ctx, error, res);
      }
    }
    const countries = await this.countries.options(ctx.lang);
    const page = renderLoginPage(ctx, { countries, values, errors, problem: problem?.message });
    sendPage(res, page, problem?.status ?? 400);
  }

  @Get('recover')
  @PublicPage()
  async recoverForm(@Portal() ctx: PortalContext, @Res() res: Response): Promise<void> {
    sendPage(res, renderRecoverPage(ctx, { countries: await this.countries.options(ctx.lang) }));
  }

  @Post('recover')
  @PublicPage()
  @RateLimited('holder-auth')
  async recover(
    @Portal() ctx: PortalContext,
    @Body() body: FormBody,
    @Ip() client: string,
    @Res() res: Response,
  ): Promise<void> {
    const form = readForm(RecoverDto, body, ctx.lang, [
      ...DOCUMENT_FIELDS,
      'recoveryCode',
      'password',
    ]);
    const { password: _password, ...values } = form.values;
    const errors = form.errors;
    let problem: FormProblem | undefined;
    if (form.dto) {
      try {
        const { recoveryCode, password } = form.dto;
        const recovered = await this.recovery.recover(
          { document: documentOf(form.dto), recoveryCode, password },
          client,
        );
        this.sessions.start(res, recovered);
        return res.redirect(303, '/portal/credentials?done=recovered');
      } catch (error) {
        problem = formProblem(ctx, error, res);
      }
    }
    const countries = await this.countries.options(ctx.lang);
    const page = renderRecoverPage(ctx, { countries, values, errors, problem: problem?.message });
    sendPage(res, page, problem?.status ?? 400);
  }

  @Post('logout')
  async logout(@SignedIn() ctx: SignedInContext, @Res() res: Response): Promise<void> {
    await this.sessions.end(res, ctx.holder);
    res.redirect(303, '/portal?done=loggedOut');
  }
}
