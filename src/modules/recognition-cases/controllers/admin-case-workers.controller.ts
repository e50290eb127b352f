import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../../../common/auth/auth.guard.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import {
  CaseWorkerDto,
  CreateCaseWorkerDto,
  CreatedCaseWorkerDto,
} from '../dto/case-worker.dto.js';
import { CaseWorkersService } from '../services/case-workers.service.js';

const ADMIN_PROBLEMS = ['VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN'] as const;

@ApiTags('admin: case workers')
@Auth('admin')
@Controller('admin/issuers/:slug/case-workers')
export class AdminCaseWorkersController {
  constructor(private readonly workers: CaseWorkersService) {}

  @Post()
  @ApiOperation({
    summary: "Create a case worker's console account for a competent authority",
    description:
      'The answer holds a one-time enrolment code (72 hours): the person opens /console/enrol, ' +
      'sets a password and an authenticator app (TOTP). Only the code’s SHA-256 is stored.',
  })
  @ApiCreatedResponse({ type: CreatedCaseWorkerDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'LOGIN_TAKEN', 'NOT_AN_AUTHORITY')
  create(
    @Param('slug') slug: string,
    @Body() dto: CreateCaseWorkerDto,
  ): Promise<CreatedCaseWorkerDto> {
    return this.workers.create(slug, dto, 'admin');
  }

  @Get()
  @ApiOperation({
    summary: "The authority's case workers (never their secrets)",
    description:
      'Every console account of the competent authority, enrolled or not, with its state; ' +
      'never a password, an enrolment code or a TOTP secret.',
  })
  @ApiOkResponse({ type: [CaseWorkerDto] })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'NOT_AN_AUTHORITY')
  list(@Param('slug') slug: string): Promise<CaseWorkerDto[]> {
    return this.workers.list(slug);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a case worker: the account stops working and its sessions end at once',
    description:
      'Audited. A disabled account cannot sign in again; its login stays taken. An account ' +
      'already disabled answers 409.',
  })
  @ApiOkResponse({ type: CaseWorkerDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'NOT_AN_AUTHORITY', 'CONFLICT')
  disable(@Param('slug') slug: string, @Param('id') id: string): Promise<CaseWorkerDto> {
    return this.workers.disable(slug, id, 'admin');
  }
}
