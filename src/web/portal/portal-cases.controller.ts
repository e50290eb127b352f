import { Controller, Get, Param, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendCaseFile } from '../../modules/recognition-cases/controllers/case-file-response.js';
import { HolderCasesService } from '../../modules/recognition-cases/services/holder-cases.service.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { SignedIn, type SignedInContext } from './portal-context.js';
import { renderCasePage, renderCasesPage } from './portal-case-pages.js';
import { PortalGuard } from './portal.guard.js';
import { sendPage } from './portal-view.js';

/** The holder's recognition cases: status, the legal term, requests for information, decision. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@UseGuards(PortalGuard)
@Controller('portal/cases')
export class PortalCasesController {
  constructor(private readonly cases: HolderCasesService) {}

  @Get()
  async list(@SignedIn() ctx: SignedInContext, @Res() res: Response): Promise<void> {
    sendPage(res, renderCasesPage(ctx, { cases: await this.cases.list(ctx.holder.holderId) }));
  }

  @Get(':id')
  async page(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendPage(res, renderCasePage(ctx, await this.cases.get(ctx.holder.holderId, id)));
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
}
