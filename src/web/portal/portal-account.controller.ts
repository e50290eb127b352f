import { Body, Controller, Get, Ip, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import { RateLimited } from '../../common/http/rate-limit.js';
import { ClaimDto, documentOf } from '../../modules/holders/dto/holder-auth.dto.js';
import { HolderClaimsService } from '../../modules/holders/services/holder-claims.service.js';
import {
  documentView,
  HolderDocumentsService,
} from '../../modules/holder-identity/holder-documents.service.js';
import { HolderConsentsService } from '../../modules/holders/services/holder-consents.service.js';
import { HolderPreferencesService } from '../../modules/holders/services/holder-preferences.service.js';
import { HolderRightsService } from '../../modules/holders/services/holder-rights.service.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { renderAccountPage, renderClaimPage } from './portal-account-pages.js';
import { CONSENT_FIELDS, renderConsentsPage, type ConsentField } from './portal-consent-pages.js';
import { submitForm } from './portal-form-flow.js';
import { SignedIn, type SignedInContext } from './portal-context.js';
import { PortalCountries } from './portal-countries.js';
import { DOCUMENT_FIELDS, field, type FormBody } from './portal-forms.js';
import { HolderRecoveryService } from '../../modules/holders/services/holder-recovery.service.js';
import { PortalGuard } from './portal.guard.js';
import { renderRecoveryCodesPage } from './portal-recovery-pages.js';
import { PortalSessionService } from './portal-session.service.js';
import { sendPage, type FieldErrors } from './portal-view.js';

/** Linking more credentials; the holder's settings, consents and rights (export, erasure). */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@UseGuards(PortalGuard)
@Controller('portal')
export class PortalAccountController {
  constructor(
    private readonly claims: HolderClaimsService,
    private readonly rights: HolderRightsService,
    private readonly consents: HolderConsentsService,
    private readonly documents: HolderDocumentsService,
    private readonly recovery: HolderRecoveryService,
    private readonly preferences: HolderPreferencesService,
    private readonly sessions: PortalSessionService,
    private readonly countries: PortalCountries,
  ) {}

  @Get('claims')
  async claimForm(@SignedIn() ctx: SignedInContext, @Res() res: Response): Promise<void> {
    sendPage(res, renderClaimPage(ctx, { countries: await this.countries.options(ctx.lang) }));
  }

  @Post('claims')
  @RateLimited('holder-auth')
  async claim(
    @SignedIn() ctx: SignedInContext,
    @Body() body: FormBody,
    @Ip() client: string,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm({
      ctx,
      res,
      body,
      dto: ClaimDto,
      fields: [...DOCUMENT_FIELDS, 'claimCode'],
      act: async (dto) => {
        await this.claims.claim(
          ctx.holder.holderId,
          { claimCode: dto.claimCode, document: documentOf(dto) },
          client,
        );
        res.redirect(303, '/portal/credentials?done=claimed');
      },
      render: async (again) =>
        renderClaimPage(ctx, { countries: await this.countries.options(ctx.lang), ...again }),
    });
  }

  @Get('account')
  async account(
    @SignedIn() ctx: SignedInContext,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    sendPage(res, await this.accountPage(ctx, undefined, done));
  }

  @Get('account/consents')
  async consentsPage(
    @SignedIn() ctx: SignedInContext,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const consents = await this.consents.get(ctx.holder.holderId);
    sendPage(res, renderConsentsPage(ctx, { consents, done }));
  }

  /**
   * One consent's form (or several at once): each field present must be yes or no, or nothing
   * changes; the holder API's service records and audits what changes.
   */
  @Post('account/consents')
  async consent(
    @SignedIn() ctx: SignedInContext,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    const changes: Partial<Record<ConsentField, boolean>> = {};
    const errors: FieldErrors = {};
    for (const name of CONSENT_FIELDS) {
      const answer = field(body, name);
      if (answer === 'yes' || answer === 'no') changes[name] = answer === 'yes';
      else if (body?.[name] !== undefined) errors[name] = PORTAL_MESSAGES[ctx.lang].err_choose;
    }
    if (Object.keys(changes).length === 0 && Object.keys(errors).length === 0) {
      errors[CONSENT_FIELDS[0]] = PORTAL_MESSAGES[ctx.lang].err_choose;
    }
    if (Object.keys(errors).length > 0) {
      const consents = await this.consents.get(ctx.holder.holderId);
      return sendPage(res, renderConsentsPage(ctx, { consents, errors }), 400);
    }
    await this.consents.update(ctx.holder.holderId, changes);
    res.redirect(303, '/portal/account/consents?done=consentSaved');
  }

  /** The zone the portal's times are shown in; a name that is not a zone changes nothing. */
  @Post('account/time-zone')
  async timeZone(
    @SignedIn() ctx: SignedInContext,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    try {
      await this.preferences.setTimeZone(ctx.holder.holderId, field(body, 'timeZone', 64));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'INVALID_TIME_ZONE') throw error;
      const errors = { timeZone: PORTAL_MESSAGES[ctx.lang].err_choose };
      return sendPage(res, await this.accountPage(ctx, errors), 400);
    }
    res.redirect(303, '/portal/account?done=timeZoneSaved');
  }

  @Get('account/export')
  async export(@SignedIn() ctx: SignedInContext, @Res() res: Response): Promise<void> {
    const data = await this.rights.export(ctx.holder.holderId, ctx.holder.sessionId);
    res
      .status(200)
      .set({
        'Content-Disposition': 'attachment; filename="reconoce-export.json"',
        'Cache-Control': 'no-store',
      })
      .json(data);
  }

  /** New printable recovery codes, shown on this answer only; the old ones stop working. */
  @Post('account/recovery-codes')
  async recoveryCodes(@SignedIn() ctx: SignedInContext, @Res() res: Response): Promise<void> {
    const codes = await this.recovery.regenerate(ctx.holder.holderId);
    sendPage(res, renderRecoveryCodesPage(ctx, { codes, next: '/portal/account' }));
  }

  @Post('account/delete')
  async erase(
    @SignedIn() ctx: SignedInContext,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    if (field(body, 'confirm') !== 'yes') {
      const errors = { confirm: PORTAL_MESSAGES[ctx.lang].err_confirm };
      return sendPage(res, await this.accountPage(ctx, errors), 400);
    }
    await this.rights.erase(ctx.holder.holderId);
    this.sessions.clear(res);
    res.redirect(303, '/portal?done=erased');
  }

  private async accountPage(
    ctx: SignedInContext,
    errors?: FieldErrors,
    done?: unknown,
  ): Promise<string> {
    const documents = (await this.documents.documentsOf(ctx.holder.holderId)).map(documentView);
    const countries = await this.countries.names(ctx.lang);
    const consents = await this.consents.get(ctx.holder.holderId);
    const timeZone = await this.preferences.timeZone(ctx.holder.holderId);
    const recoveryCodes = await this.recovery.remainingPersonalCodes(ctx.holder.holderId);
    return renderAccountPage(ctx, {
      documents,
      countries,
      consents,
      timeZone,
      recoveryCodes,
      done,
      errors,
    });
  }
}
