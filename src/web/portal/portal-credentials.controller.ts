import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import { isUuid } from '../../common/validation/uuid.js';
import {
  HolderRecordsService,
  type CredentialFile,
} from '../../modules/holders/services/holder-records.service.js';
import { VerificationAnswersService } from '../../modules/verifiers/verification-answers.service.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { SignedIn, type SignedInContext } from './portal-context.js';
import { PortalCountries } from './portal-countries.js';
import { renderCredentialPage, renderCredentialsPage } from './portal-credential-pages.js';
import { field, type FormBody } from './portal-forms.js';
import { PortalGuard } from './portal.guard.js';
import { sendPage } from './portal-view.js';

function sendFile(res: Response, file: CredentialFile): void {
  res
    .status(200)
    .set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
    })
    .send(file.body);
}

function credentialId(id: string): string {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'No such credential.');
  return id;
}

/** The holder's credentials: the list, one of them, its files, its permanent link, its checks. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@UseGuards(PortalGuard)
@Controller('portal/credentials')
export class PortalCredentialsController {
  constructor(
    private readonly records: HolderRecordsService,
    private readonly verifiers: VerificationAnswersService,
    private readonly countries: PortalCountries,
  ) {}

  @Get()
  async list(
    @SignedIn() ctx: SignedInContext,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const credentials = await this.records.list(ctx.holder.holderId);
    const countries = await this.countries.names(ctx.lang);
    sendPage(res, renderCredentialsPage(ctx, { credentials, countries, done }));
  }

  @Get(':id')
  async show(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const credential = await this.records.get(ctx.holder.holderId, credentialId(id));
    const events = await this.verifiers.listEvents({ credentialIds: [credential.id] });
    const countries = await this.countries.names(ctx.lang);
    sendPage(res, renderCredentialPage(ctx, { credential, events, countries, done }));
  }

  @Get(':id/download')
  async download(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.records.download(ctx.holder.holderId, credentialId(id)));
  }

  @Get(':id/pdf')
  async pdf(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.records.pdf(ctx.holder.holderId, credentialId(id), ctx.lang));
  }

  @Post(':id/verify-link')
  async verifyLink(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    const enabled = field(body, 'enabled') === 'true';
    await this.records.setVerifyLink(ctx.holder.holderId, credentialId(id), enabled);
    res.redirect(303, `/portal/credentials/${id}?done=${enabled ? 'linkOn' : 'linkOff'}`);
  }
}
