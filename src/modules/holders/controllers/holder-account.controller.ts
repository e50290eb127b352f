import { Body, Controller, Delete, Get, HttpCode, Put, Res } from '@nestjs/common';
import {
  ApiBody,
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
  @ApiOperation({
    summary: 'Your consents and their history',
    description:
      "The holder's consents (statistics, findable by employment services) and the history of their changes.",
  })
  @ApiOkResponse({ type: ConsentsDto })
  @ApiProblems(...AUTH_PROBLEMS)
  getConsents(@CurrentHolder() holder: HolderPrincipal): Promise<ConsentsDto> {
    return this.consents.get(holder.holderId);
  }

  @Put('consents')
  @ApiBody({
    type: UpdateConsentsDto,
    examples: {
      'count-me': {
        summary: 'Count my certifications in the public statistics',
        value: { statistics: true },
      },
    },
  })
  @ApiOperation({
    summary: 'Give or withdraw consents; fields left out stay as they are',
    description:
      "Gives or withdraws consents; a field left out keeps its value. Withdrawing the statistics consent takes the holder's certifications out of the published figures.",
  })
  @ApiOkResponse({ type: ConsentsDto })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS)
  putConsents(
    @CurrentHolder() holder: HolderPrincipal,
    @Body() dto: UpdateConsentsDto,
  ): Promise<ConsentsDto> {
    return this.consents.update(holder.holderId, dto);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Everything held about you, as JSON (data portability)',
    description:
      'Everything the registry holds about the holder, as one JSON document (data portability): account, documents (type, country and last four characters only), credentials, shares and consents.',
  })
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
    description:
      "Erases the holder's personal data and ends every session; the signed credentials stay verifiable. An assisted recovery code from an issuer or the operator can open a new account later.",
  })
  @ApiNoContentResponse()
  @ApiProblems(...AUTH_PROBLEMS)
  async erase(@CurrentHolder() holder: HolderPrincipal): Promise<void> {
    await this.rights.erase(holder.holderId);
  }
}
