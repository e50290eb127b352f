import { Body, Controller, Delete, Get, HttpCode, Put, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth } from '../../../common/auth/auth.guard.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { ConsentsDto, UpdateConsentsDto } from '../dto/holder-account.dto.js';
import { CurrentHolder, type HolderPrincipal } from '../holder-principal.js';
import { HolderConsentsService } from '../services/holder-consents.service.js';
import { HolderRightsService } from '../services/holder-rights.service.js';

const AUTH_PROBLEMS = ['UNAUTHORIZED', 'FORBIDDEN'] as const;

@ApiTags('holder')
@Auth('holder')
@Controller('holder')
export class HolderAccountController {
  constructor(
    private readonly consents: HolderConsentsService,
    private readonly rights: HolderRightsService,
  ) {}

  @Get('consents')
  @ApiOperation({ summary: 'Your consents and their history' })
  @ApiOkResponse({ type: ConsentsDto })
  @ApiProblems(...AUTH_PROBLEMS)
  getConsents(@CurrentHolder() holder: HolderPrincipal): Promise<ConsentsDto> {
    return this.consents.get(holder.holderId);
  }

  @Put('consents')
  @ApiOperation({ summary: 'Give or withdraw consents; fields left out stay as they are' })
  @ApiOkResponse({ type: ConsentsDto })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS)
  putConsents(
    @CurrentHolder() holder: HolderPrincipal,
    @Body() dto: UpdateConsentsDto,
  ): Promise<ConsentsDto> {
    return this.consents.update(holder.holderId, dto);
  }

  @Get('export')
  @ApiOperation({ summary: 'Everything held about you, as JSON (data portability)' })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'The export, as an attachment', schema: { type: 'object' } })
  @ApiProblems(...AUTH_PROBLEMS)
  async export(@CurrentHolder() holder: HolderPrincipal, @Res() res: Response): Promise<void> {
    const data = await this.rights.export(holder.holderId, holder.sessionId);
    res
      .status(200)
      .set({
        'Content-Disposition': 'attachment; filename="reconoce-export.json"',
        'Cache-Control': 'no-store',
      })
      .json(data);
  }

  @Delete('account')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase your personal data and sessions; your credentials stay verifiable',
  })
  @ApiNoContentResponse()
  @ApiProblems(...AUTH_PROBLEMS)
  async erase(@CurrentHolder() holder: HolderPrincipal): Promise<void> {
    await this.rights.erase(holder.holderId);
  }
}
