import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth } from '../../../common/auth/auth.guard.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { CurrentHolder, type HolderPrincipal } from '../../holders/holder-principal.js';
import { CaseMessageDto, OpenCaseDto } from '../dto/case-input.dto.js';
import { CaseDto } from '../dto/case-view.dto.js';
import { HolderCasesService } from '../services/holder-cases.service.js';
import { sendCaseFile } from './case-file-response.js';

const AUTH_PROBLEMS = ['UNAUTHORIZED', 'FORBIDDEN'] as const;

@ApiTags('holder')
@Auth('holder')
@Controller('holder/cases')
export class HolderCasesController {
  constructor(private readonly cases: HolderCasesService) {}

  @Post()
  @ApiOperation({
    summary: 'Ask a competent authority to recognise credentials from your records',
    description:
      'The registry verifies each credential, attaches the result and the engine’s ' +
      'pre-assessment for the destination, and starts the legal clock of the country.',
  })
  @ApiCreatedResponse({ type: CaseDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    ...AUTH_PROBLEMS,
    'NOT_FOUND',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'INVALID_REFERENCE',
  )
  open(@CurrentHolder() holder: HolderPrincipal, @Body() dto: OpenCaseDto): Promise<CaseDto> {
    return this.cases.open(holder.holderId, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'Your recognition cases, newest first',
    description: "The holder's recognition cases, newest first, with status and legal deadline.",
  })
  @ApiOkResponse({ type: [CaseDto] })
  @ApiProblems(...AUTH_PROBLEMS)
  list(@CurrentHolder() holder: HolderPrincipal): Promise<CaseDto[]> {
    return this.cases.list(holder.holderId);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One of your cases: status, deadline, messages, decision',
    description:
      'One case: status, route, deadline (paused while information is requested), messages, files and the decision with its credential.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  get(@CurrentHolder() holder: HolderPrincipal, @Param('id') id: string): Promise<CaseDto> {
    return this.cases.get(holder.holderId, id);
  }

  @Post(':id/answers')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer the authority’s request for information, with files',
    description:
      "Answers the authority's request for information, with a message and files (PDF, JPEG or PNG, checked by content); the legal clock starts again.",
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    ...AUTH_PROBLEMS,
    'NOT_FOUND',
    'INVALID_STATUS_TRANSITION',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
  )
  answer(
    @CurrentHolder() holder: HolderPrincipal,
    @Param('id') id: string,
    @Body() dto: CaseMessageDto,
  ): Promise<CaseDto> {
    return this.cases.answer(holder.holderId, id, dto);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw an open case',
    description: 'Withdraws a case that is not decided yet, with an optional message.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND', 'INVALID_STATUS_TRANSITION')
  withdraw(@CurrentHolder() holder: HolderPrincipal, @Param('id') id: string): Promise<CaseDto> {
    return this.cases.withdraw(holder.holderId, id);
  }

  @Get(':id/files/:fileId')
  @ApiOperation({
    summary: 'A supporting file of your case',
    description: "Downloads one supporting file of the holder's case, as uploaded.",
  })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The file, as an attachment' })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  async file(
    @CurrentHolder() holder: HolderPrincipal,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendCaseFile(res, await this.cases.file(holder.holderId, id, fileId));
  }
}
