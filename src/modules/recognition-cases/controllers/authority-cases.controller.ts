import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentIssuer, IssuerRoute } from '../../../common/auth/auth.guard.js';
import type { Principal } from '../../../common/auth/principal.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { DecideCaseDto, InfoRequestDto } from '../dto/case-input.dto.js';
import { AuthorityCaseDto, CaseDto, CaseworkFiguresDto } from '../dto/case-view.dto.js';
import { CaseworkService } from '../services/casework.service.js';
import { sendCaseFile } from './case-file-response.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;
const AUTH_PROBLEMS = ['UNAUTHORIZED', 'FORBIDDEN'] as const;

@ApiTags('authority')
@Auth('issuer')
@Controller('authority')
export class AuthorityCasesController {
  constructor(private readonly casework: CaseworkService) {}

  @Get('cases')
  @IssuerRoute('read:/authority')
  @ApiOperation({
    summary: 'Open cases addressed to you, the nearest deadline first',
    description:
      'The open cases addressed to the calling competent authority, nearest deadline first.',
  })
  @ApiOkResponse({ type: [CaseDto] })
  @ApiProblems(...AUTH_PROBLEMS)
  queue(@CurrentIssuer() caller: IssuerPrincipal): Promise<CaseDto[]> {
    return this.casework.queue(caller);
  }

  @Get('cases/:id')
  @IssuerRoute('read:/authority')
  @ApiOperation({
    summary: 'A case with its verified evidence, messages and precedents',
    description:
      "A case addressed to the calling authority: the holder's verified credentials and the pre-assessment, messages, files, and precedents of similar decisions.",
  })
  @ApiOkResponse({ type: AuthorityCaseDto })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  get(
    @CurrentIssuer() caller: IssuerPrincipal,
    @Param('id') id: string,
  ): Promise<AuthorityCaseDto> {
    return this.casework.get(caller, id);
  }

  @Post('cases/:id/review')
  @IssuerRoute('write:/authority')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take a submitted case into review',
    description: 'Takes a submitted case into review.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND', 'INVALID_STATUS_TRANSITION')
  review(@CurrentIssuer() caller: IssuerPrincipal, @Param('id') id: string): Promise<CaseDto> {
    return this.casework.startReview(caller, id);
  }

  @Post('cases/:id/info-requests')
  @IssuerRoute('write:/authority')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask the holder for information; the legal clock stops meanwhile',
    description: 'Asks the holder for information; the legal term stops until they answer.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS, 'NOT_FOUND', 'INVALID_STATUS_TRANSITION')
  requestInfo(
    @CurrentIssuer() caller: IssuerPrincipal,
    @Param('id') id: string,
    @Body() dto: InfoRequestDto,
  ): Promise<CaseDto> {
    return this.casework.requestInfo(caller, id, dto);
  }

  @Post('cases/:id/decision')
  @IssuerRoute('write:/authority')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide; the decision is issued as a RecognitionDecisionCredential to the holder',
    description:
      'Decides the case (granted, granted with conditions, denied) with its legal grounds; the decision is signed and issued to the holder as a RecognitionDecisionCredential, already claimed, and the case closes.',
  })
  @ApiOkResponse({ type: AuthorityCaseDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    ...AUTH_PROBLEMS,
    'NOT_FOUND',
    'INVALID_STATUS_TRANSITION',
    'UNPROCESSABLE',
    'INVALID_REFERENCE',
    'INVALID_SUBJECT',
    'NOT_ACCREDITED',
  )
  decide(
    @CurrentIssuer() caller: IssuerPrincipal,
    @Param('id') id: string,
    @Body() dto: DecideCaseDto,
  ): Promise<AuthorityCaseDto> {
    return this.casework.decide(caller, id, dto);
  }

  @Get('cases/:id/files/:fileId')
  @IssuerRoute('read:/authority')
  @ApiOperation({
    summary: 'A supporting file of a case',
    description: 'Downloads one supporting file of a case addressed to the calling authority.',
  })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The file, as an attachment' })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  async file(
    @CurrentIssuer() caller: IssuerPrincipal,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendCaseFile(res, await this.casework.file(caller, id, fileId));
  }

  @Get('figures')
  @IssuerRoute('read:/authority')
  @ApiOperation({
    summary: 'Your figures: open and overdue cases, median days to decision, outcomes by route',
    description:
      "The calling authority's own figures: open and overdue cases, median days to a decision, and outcomes by route.",
  })
  @ApiOkResponse({ type: CaseworkFiguresDto })
  @ApiProblems(...AUTH_PROBLEMS)
  figures(@CurrentIssuer() caller: IssuerPrincipal): Promise<CaseworkFiguresDto> {
    return this.casework.figures(caller);
  }
}
