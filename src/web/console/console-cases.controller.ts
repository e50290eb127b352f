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
import { OPEN_STATUSES } from '../../modules/recognition-cases/case-lifecycle.js';
import { sendCaseFile } from '../../modules/recognition-cases/controllers/case-file-response.js';
import { InfoRequestDto } from '../../modules/recognition-cases/dto/case-input.dto.js';
import {
  CASE_STATUSES,
  type CaseStatus,
} from '../../modules/recognition-cases/recognition-cases.constants.js';
import { CaseworkService } from '../../modules/recognition-cases/services/casework.service.js';
import { readForm, type FormBody } from '../portal/portal-forms.js';
import { sendPage } from '../portal/portal-view.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { renderConsoleCasePage, renderQueuePage, type CaseForms } from './console-case-pages.js';
import { consoleFormProblem } from './console-auth.controller.js';
import { Staff, type StaffContext } from './console-context.js';
import { decisionErrors, readDecisionForm } from './console-decision-form.js';
import { renderFiguresPage } from './console-figures-page.js';
import { ConsoleGuard } from './console.guard.js';

const isStatus = (value: unknown): value is CaseStatus =>
  typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);

/**
 * The authority's side in pages: the queue, a case with its evidence and precedents, review,
 * requests for information, the decision and the figures. Each calls the same CaseworkService
 * method as the /authority API, as the signed-in case worker's authority: another authority's
 * case is unknown (404) there.
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@UseGuards(ConsoleGuard)
@Controller('console')
export class ConsoleCasesController {
  constructor(private readonly casework: CaseworkService) {}

  @Get('cases')
  async queue(
    @Staff() ctx: StaffContext,
    @Query('status') status: unknown,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const chosen = isStatus(status) ? status : '';
    const cases = await this.casework.queue(
      ctx.worker.principal,
      chosen ? [chosen] : OPEN_STATUSES,
    );
    sendPage(res, renderQueuePage(ctx, { cases, status: chosen, done }));
  }

  @Get('cases/:id')
  async page(
    @Staff() ctx: StaffContext,
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const view = await this.casework.get(ctx.worker.principal, id);
    sendPage(res, renderConsoleCasePage(ctx, view, { done }));
  }

  @Get('cases/:id/files/:fileId')
  async file(
    @Staff() ctx: StaffContext,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendCaseFile(res, await this.casework.file(ctx.worker.principal, id, fileId));
  }

  @Post('cases/:id/review')
  async review(
    @Staff() ctx: StaffContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    try {
      await this.casework.startReview(ctx.worker.principal, id);
      return res.redirect(303, `/console/cases/${encodeURIComponent(id)}?done=review`);
    } catch (error) {
      const problem = consoleFormProblem(ctx, error, res);
      await this.sendCase(ctx, id, res, { problem: problem.message }, problem.status);
    }
  }

  @Post('cases/:id/info-request')
  async requestInfo(
    @Staff() ctx: StaffContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    const form = readForm(InfoRequestDto, body, ctx.lang, ['message']);
    let problem: string | undefined;
    let status = 400;
    if (form.dto) {
      try {
        await this.casework.requestInfo(ctx.worker.principal, id, form.dto);
        return res.redirect(303, `/console/cases/${encodeURIComponent(id)}?done=info`);
      } catch (error) {
        ({ message: problem, status } = consoleFormProblem(ctx, error, res));
      }
    }
    const info = { message: form.values.message, errors: form.errors, problem };
    await this.sendCase(ctx, id, res, { info }, status);
  }

  @Post('cases/:id/decision')
  async decide(
    @Staff() ctx: StaffContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    const form = readDecisionForm(body, ctx.lang);
    let errors = form.errors;
    let problem: string | undefined;
    let status = 400;
    if (form.dto) {
      try {
        await this.casework.decide(ctx.worker.principal, id, form.dto);
        return res.redirect(303, `/console/cases/${encodeURIComponent(id)}?done=decided`);
      } catch (error) {
        ({ message: problem, status } = consoleFormProblem(ctx, error, res));
        if (error instanceof AppError) errors = decisionErrors(error, ctx.lang);
      }
    }
    await this.sendCase(
      ctx,
      id,
      res,
      { decision: { values: form.values, errors, problem } },
      status,
    );
  }

  @Get('figures')
  async figures(@Staff() ctx: StaffContext, @Res() res: Response): Promise<void> {
    sendPage(res, renderFiguresPage(ctx, await this.casework.figures(ctx.worker.principal)));
  }

  /** The case page again, with a form's values and what is wrong with them. */
  private async sendCase(
    ctx: StaffContext,
    id: string,
    res: Response,
    forms: CaseForms,
    status: number,
  ): Promise<void> {
    const view = await this.casework.get(ctx.worker.principal, id);
    sendPage(res, renderConsoleCasePage(ctx, view, { forms }), status);
  }
}
