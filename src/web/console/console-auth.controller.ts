import { Body, Controller, Get, Ip, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import { RateLimited } from '../../common/http/rate-limit.js';
import {
  ConsoleLoginDto,
  EnrolConfirmDto,
  EnrolDto,
} from '../../modules/recognition-cases/dto/case-worker.dto.js';
import { CaseWorkerSessionsService } from '../../modules/recognition-cases/services/case-worker-sessions.service.js';
import {
  CaseWorkersService,
  type PendingTotp,
} from '../../modules/recognition-cases/services/case-workers.service.js';
import { fill } from '../messages/define.js';
import { CONSOLE_MESSAGES } from '../messages/console-messages.js';
import { readForm, type FormBody } from '../portal/portal-forms.js';
import { sendPage, type FieldErrors } from '../portal/portal-view.js';
import { qrCodeSvg } from '../qr-svg.js';
import { WebErrorFilter } from '../web-error.filter.js';
import {
  renderConsoleLoginPage,
  renderEnrolPage,
  renderTotpSetupPage,
} from './console-auth-pages.js';
import {
  Console,
  PublicConsolePage,
  Staff,
  type ConsoleContext,
  type StaffContext,
} from './console-context.js';
import { say } from './console-view.js';
import { ConsoleGuard } from './console.guard.js';

/** Codes the console's forms explain in words; anything else is an error page. */
const FORM_PROBLEMS = new Set([
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'INVALID_ENROLMENT_CODE',
  'INVALID_TOTP_CODE',
  'WEAK_PASSWORD',
  'INVALID_STATUS_TRANSITION',
  'UNPROCESSABLE',
  'INVALID_REFERENCE',
]);

export interface FormProblem {
  message: string;
  status: number;
}

/** The form's problem in words, or the error itself when the form cannot explain it. */
export function consoleFormProblem(
  ctx: ConsoleContext,
  error: unknown,
  res: Response,
): FormProblem {
  if (error instanceof AppError && FORM_PROBLEMS.has(error.code)) {
    res.set(error.headers);
    return { message: say(ctx.lang, `err_${error.code}`), status: error.status };
  }
  throw error;
}

@ApiExcludeController()
@UseFilters(WebErrorFilter)
@UseGuards(ConsoleGuard)
@Controller('console')
export class ConsoleAuthController {
  constructor(
    private readonly workers: CaseWorkersService,
    private readonly sessions: CaseWorkerSessionsService,
    private readonly guard: ConsoleGuard,
  ) {}

  @Get()
  @PublicConsolePage()
  home(@Console() ctx: ConsoleContext, @Query('done') done: unknown, @Res() res: Response): void {
    if (ctx.worker) return res.redirect(303, '/console/cases');
    sendPage(res, renderConsoleLoginPage(ctx, { done }));
  }

  @Post('login')
  @PublicConsolePage()
  @RateLimited('console-auth')
  async login(
    @Console() ctx: ConsoleContext,
    @Body() body: FormBody,
    @Ip() client: string,
    @Res() res: Response,
  ): Promise<void> {
    const form = readForm(ConsoleLoginDto, body, ctx.lang, ['login', 'password', 'totp']);
    const values = { login: form.values.login };
    let problem: FormProblem | undefined;
    if (form.dto) {
      try {
        this.guard.startSession(res, await this.sessions.login(form.dto, client));
        return res.redirect(303, '/console/cases');
      } catch (error) {
        problem = consoleFormProblem(ctx, error, res);
      }
    }
    const page = renderConsoleLoginPage(ctx, {
      values,
      errors: form.errors,
      problem: problem?.message,
    });
    sendPage(res, page, problem?.status ?? 400);
  }

  @Get('enrol')
  @PublicConsolePage()
  enrolForm(@Console() ctx: ConsoleContext, @Res() res: Response): void {
    sendPage(res, renderEnrolPage(ctx, {}));
  }

  @Post('enrol')
  @PublicConsolePage()
  @RateLimited('console-auth')
  async enrol(
    @Console() ctx: ConsoleContext,
    @Body() body: FormBody,
    @Ip() client: string,
    @Res() res: Response,
  ): Promise<void> {
    const form = readForm(EnrolDto, body, ctx.lang, ['enrolmentCode', 'password']);
    const values = { enrolmentCode: form.values.enrolmentCode };
    let problem: FormProblem | undefined;
    if (form.dto) {
      try {
        const { enrolmentCode, password } = form.dto;
        const pending = await this.workers.beginEnrolment(enrolmentCode, password, client);
        return sendPage(res, await this.totpSetupPage(ctx, enrolmentCode, pending));
      } catch (error) {
        problem = consoleFormProblem(ctx, error, res);
      }
    }
    const page = renderEnrolPage(ctx, { values, errors: form.errors, problem: problem?.message });
    sendPage(res, page, problem?.status ?? 400);
  }

  @Post('enrol/confirm')
  @PublicConsolePage()
  @RateLimited('console-auth')
  async confirm(
    @Console() ctx: ConsoleContext,
    @Body() body: FormBody,
    @Ip() client: string,
    @Res() res: Response,
  ): Promise<void> {
    const form = readForm(EnrolConfirmDto, body, ctx.lang, ['enrolmentCode', 'totp']);
    const code = form.values.enrolmentCode;
    let problem: FormProblem;
    try {
      if (form.dto) {
        await this.workers.confirmEnrolment(code, form.dto.totp, client);
        return res.redirect(303, '/console?done=enrolled');
      }
      // A code in the wrong form: the same secret again, with the field explained.
      const pending = await this.workers.pendingTotp(code, client);
      const page = await this.totpSetupPage(ctx, code, pending, { errors: form.errors });
      return sendPage(res, page, 400);
    } catch (error) {
      problem = consoleFormProblem(ctx, error, res);
      if (error instanceof AppError && error.code === 'INVALID_TOTP_CODE') {
        // A wrong first code: the same secret again, to type a newer code.
        const pending = await this.workers.pendingTotp(code, client);
        const page = await this.totpSetupPage(ctx, code, pending, { problem: problem.message });
        return sendPage(res, page, problem.status);
      }
    }
    const values = { enrolmentCode: code };
    const page = renderEnrolPage(ctx, { values, problem: problem.message });
    sendPage(res, page, problem.status);
  }

  private async totpSetupPage(
    ctx: ConsoleContext,
    enrolmentCode: string,
    pending: PendingTotp,
    form: { errors?: FieldErrors; problem?: string } = {},
  ): Promise<string> {
    const label = fill(CONSOLE_MESSAGES[ctx.lang].totpQr, { login: pending.login });
    return renderTotpSetupPage(ctx, {
      ...form,
      enrolmentCode,
      secret: pending.secret,
      qrSvg: await qrCodeSvg(pending.uri, label),
    });
  }

  @Post('logout')
  async logout(@Staff() ctx: StaffContext, @Res() res: Response): Promise<void> {
    await this.guard.endSession(res, ctx.worker);
    res.redirect(303, '/console?done=loggedOut');
  }
}
