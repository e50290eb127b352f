import { Body, Controller, Get, Ip, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
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
import { renderLoginPage, renderSignupPage } from './portal-auth-pages.js';
import {
  Portal,
  PublicPage,
  SignedIn,
  type PortalContext,
  type SignedInContext,
} from './portal-context.js';
import { PortalCountries } from './portal-countries.js';
import { submitForm } from './portal-form-flow.js';
import { BROWSER_TIME_ZONE, DOCUMENT_FIELDS, field, type FormBody } from './portal-forms.js';
import { PortalGuard } from './portal.guard.js';
import { PortalSessionService } from './portal-session.service.js';
import { sendPage } from './portal-view.js';
import { WebErrorFilter } from '../web-error.filter.js';

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
    await submitForm({
      ctx,
      res,
      body,
      dto: RegisterDto,
      fields: [...DOCUMENT_FIELDS, 'claimCode', 'password'],
      act: async (dto) => {
        const registered = await this.accounts.register(
          { document: documentOf(dto), claimCode: dto.claimCode, password: dto.password },
          client,
        );
        await this.sessions.begin(res, registered, field(body, BROWSER_TIME_ZONE, 64));
        // The codes are shown on this answer only: they are stored hashed.
        const next = '/portal/credentials?done=registered';
        sendPage(res, renderRecoveryCodesPage(ctx, { codes: registered.recoveryCodes, next }));
      },
      render: async (again) =>
        renderSignupPage(ctx, { countries: await this.countries.options(ctx.lang), ...again }),
    });
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
    await submitForm({
      ctx,
      res,
      body,
      dto: LoginDto,
      fields: [...DOCUMENT_FIELDS, 'password'],
      act: async (dto) => {
        const login = { document: documentOf(dto), password: dto.password };
        const tokens = await this.accounts.login(login, client);
        await this.sessions.begin(res, tokens, field(body, BROWSER_TIME_ZONE, 64));
        res.redirect(303, '/portal/credentials');
      },
      render: async (again) =>
        renderLoginPage(ctx, { countries: await this.countries.options(ctx.lang), ...again }),
    });
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
    await submitForm({
      ctx,
      res,
      body,
      dto: RecoverDto,
      fields: [...DOCUMENT_FIELDS, 'recoveryCode', 'password'],
      act: async (dto) => {
        const recovered = await this.recovery.recover(
          { document: documentOf(dto), recoveryCode: dto.recoveryCode, password: dto.password },
          client,
        );
        await this.sessions.begin(res, recovered, field(body, BROWSER_TIME_ZONE, 64));
        res.redirect(303, '/portal/credentials?done=recovered');
      },
      render: async (again) =>
        renderRecoverPage(ctx, { countries: await this.countries.options(ctx.lang), ...again }),
    });
  }

  @Post('logout')
  async logout(@SignedIn() ctx: SignedInContext, @Res() res: Response): Promise<void> {
    await this.sessions.end(res, ctx.holder);
    res.redirect(303, '/portal?done=loggedOut');
  }
}
