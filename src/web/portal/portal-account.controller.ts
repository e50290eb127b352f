import { Body, Controller, Get, Ip, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { RateLimited } from '../../common/http/rate-limit.js';
import { ClaimDto, documentOf } from '../../modules/holders/dto/holder-auth.dto.js';
import { HolderClaimsService } from '../../modules/holders/services/holder-claims.service.js';
import {
  documentView,
  HolderDocumentsService,
} from '../../modules/holder-identity/holder-documents.service.js';
import { HolderConsentsService } from '../../modules/holders/services/holder-consents.service.js';
import { HolderRightsService } from '../../modules/holders/services/holder-rights.service.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { renderAccountPage, renderClaimPage } from './portal-account-pages.js';
import { formProblem, type FormProblem } from './portal-auth.controller.js';
import { SignedIn, type SignedInContext } from './portal-context.js';
import { PortalCountries } from './portal-countries.js';
import { DOCUMENT_FIELDS, field, readForm, type FormBody } from './portal-forms.js';
import { HolderRecoveryService } from '../../modules/holders/services/holder-recovery.service.js';
import { PortalGuard } from './portal.guard.js';
import { renderRecoveryCodesPage } from './portal-recovery-pages.js';
import { PortalSessionService } from './portal-session.service.js';
import { sendPage, type FieldErrors } from './portal-view.js';

/** Linking more credentials, and the holder's rights: their documents, export, erasure. */
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
    const { dto, values, errors } = readForm(ClaimDto, body, ctx.lang, [
      ...DOCUMENT_FIELDS,
      'claimCode',
    ]);
    let problem: FormProblem | undefined;
    if (dto) {
      try {
        await this.claims.claim(
          ctx.holder.holderId,
          { claimCode: dto.claimCode, document: documentOf(dto) },
          client,
        );
        return res.redirect(303, '/portal/credentials?done=claimed');
      } catch (error) {
        problem = formProblem(ctx, error, res);
      }
    }
    const countries = await this.countries.options(ctx.lang);
    const page = renderClaimPage(ctx, { countries, values, errors, problem: problem?.message });
    sendPage(res, page, problem?.status ?? 400);
  }

  @Get('account')
  async account(
    @SignedIn() ctx: SignedInContext,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    sendPage(res, await this.accountPage(ctx, undefined, done));
  }

  /** Counted in the statistics or not; anything but yes or no changes nothing. */
  @Post('account/consents')
  async consent(
    @SignedIn() ctx: SignedInContext,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    const answer = field(body, 'statistics');
    if (answer !== 'yes' && answer !== 'no') {
      const errors = { statistics: PORTAL_MESSAGES[ctx.lang].err_choose };
      return sendPage(res, await this.accountPage(ctx, errors), 400);
    }
    await this.consents.update(ctx.holder.holderId, { statistics: answer === 'yes' });
    res.redirect(303, '/portal/account?done=consentSaved');
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
    const { statistics } = await this.consents.get(ctx.holder.holderId);
    const recoveryCodes = await this.recovery.remainingPersonalCodes(ctx.holder.holderId);
    return renderAccountPage(ctx, {
      documents,
      countries,
      statistics,
      recoveryCodes,
      done,
      errors,
    });
  }
}
