import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendCaseFile } from '../../modules/recognition-cases/controllers/case-file-response.js';
import type { CaseView } from '../../modules/recognition-cases/case-views.js';
import { CompetentAuthoritiesService } from '../../modules/recognition-cases/services/competent-authorities.service.js';
import { HolderCasesService } from '../../modules/recognition-cases/services/holder-cases.service.js';
import { HolderRecordsService } from '../../modules/holders/services/holder-records.service.js';
import { WebErrorFilter } from '../web-error.filter.js';
import {
  caseFormRefusal,
  readAnswerForm,
  readOpenCaseForm,
  type OpenCaseValues,
} from './portal-case-forms.js';
import { renderNewCasePage } from './portal-case-form-pages.js';
import {
  renderCasePage,
  renderCasesPage,
  renderWithdrawConfirmPage,
  type AnswerForm,
} from './portal-case-pages.js';
import { SignedIn, type SignedInContext } from './portal-context.js';
import { PortalCountries } from './portal-countries.js';
import { field, type FormBody } from './portal-forms.js';
import { PortalGuard } from './portal.guard.js';
import { sendPage, type FieldErrors } from './portal-view.js';

const EMPTY_FORM: OpenCaseValues = {
  country: '',
  authority: '',
  purpose: '',
  legalisation: '',
  statement: '',
  credentials: [],
};

/**
 * The holder's recognition cases: open one (with files), follow it, answer a request for
 * information (with files), withdraw it after a confirmation.
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@UseGuards(PortalGuard)
@Controller('portal/cases')
export class PortalCasesController {
  constructor(
    private readonly cases: HolderCasesService,
    private readonly authorities: CompetentAuthoritiesService,
    private readonly records: HolderRecordsService,
    private readonly countries: PortalCountries,
  ) {}

  @Get()
  async list(@SignedIn() ctx: SignedInContext, @Res() res: Response): Promise<void> {
    const [cases, countries] = await Promise.all([
      this.cases.list(ctx.holder.holderId),
      this.countries.names(ctx.lang),
    ]);
    sendPage(res, renderCasesPage(ctx, { cases, countries }));
  }

  @Get('new')
  async form(
    @SignedIn() ctx: SignedInContext,
    @Query('credential') credential: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const chosen = typeof credential === 'string' ? [credential] : [];
    await this.sendForm(ctx, res, { ...EMPTY_FORM, credentials: chosen }, {}, 200);
  }

  /** A multipart form: its fields and files were read before the guard (portal-uploads.ts). */
  @Post()
  async open(
    @SignedIn() ctx: SignedInContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const form = readOpenCaseForm(body, req.uploads, ctx.lang);
    if (!form.input) return this.sendForm(ctx, res, form.values, form.errors, 400);
    let opened: CaseView;
    try {
      opened = await this.cases.open(ctx.holder.holderId, form.input);
    } catch (error) {
      const refusal = caseFormRefusal(error, ctx.lang, 'open');
      if (!refusal) throw error;
      return this.sendForm(ctx, res, form.values, refusal.errors, refusal.status);
    }
    res.redirect(303, `/portal/cases/${opened.id}?done=caseOpened`);
  }

  @Get(':id')
  async page(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    await this.sendCase(ctx, res, await this.cases.get(ctx.holder.holderId, id), { done });
  }

  @Post(':id/answers')
  async answer(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const current = await this.cases.get(ctx.holder.holderId, id);
    const form = readAnswerForm(body, req.uploads, ctx.lang);
    const again = (answer: AnswerForm, status: number) =>
      this.sendCase(ctx, res, current, { answer }, status);
    if (!form.input) return again({ message: form.message, errors: form.errors }, 400);
    try {
      await this.cases.answer(ctx.holder.holderId, current.id, form.input);
    } catch (error) {
      const refusal = caseFormRefusal(error, ctx.lang, 'answer');
      if (!refusal) throw error;
      const { errors, general, status } = refusal;
      return again({ message: form.message, errors, general }, status);
    }
    res.redirect(303, `/portal/cases/${current.id}?done=caseAnswered`);
  }

  @Get(':id/withdraw')
  async withdrawConfirm(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const view = await this.cases.get(ctx.holder.holderId, id);
    if (view.status === 'DECIDED' || view.status === 'WITHDRAWN') {
      return res.redirect(303, `/portal/cases/${view.id}`);
    }
    sendPage(res, renderWithdrawConfirmPage(ctx, view, await this.countries.names(ctx.lang)));
  }

  /** Only the confirmation page's form withdraws a case (it carries `confirm=yes`). */
  @Post(':id/withdraw')
  async withdraw(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    if (field(body, 'confirm') !== 'yes') {
      return res.redirect(303, `/portal/cases/${encodeURIComponent(id)}/withdraw`);
    }
    const view = await this.cases.withdraw(ctx.holder.holderId, id);
    res.redirect(303, `/portal/cases/${view.id}?done=caseWithdrawn`);
  }

  @Get(':id/files/:fileId')
  async file(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendCaseFile(res, await this.cases.file(ctx.holder.holderId, id, fileId));
  }

  private async sendForm(
    ctx: SignedInContext,
    res: Response,
    values: OpenCaseValues,
    errors: FieldErrors,
    status: number,
  ): Promise<void> {
    const [procedures, credentials, countries] = await Promise.all([
      this.authorities.procedures(),
      this.records.list(ctx.holder.holderId),
      this.countries.names(ctx.lang),
    ]);
    const page = renderNewCasePage(ctx, { procedures, credentials, countries, values, errors });
    sendPage(res, page, status);
  }

  private async sendCase(
    ctx: SignedInContext,
    res: Response,
    view: CaseView,
    extra: { done?: unknown; answer?: AnswerForm },
    status = 200,
  ): Promise<void> {
    const [credentials, countries] = await Promise.all([
      this.records.list(ctx.holder.holderId),
      this.countries.names(ctx.lang),
    ]);
    sendPage(res, renderCasePage(ctx, { view, credentials, countries, ...extra }), status);
  }
}
