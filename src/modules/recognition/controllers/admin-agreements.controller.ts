import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../../../common/auth/auth.guard.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import {
  CreateAgreementDto,
  CreateMappingDto,
  UpdateAgreementDto,
} from '../dto/agreement-input.dto.js';
import { AgreementDto, MappingViewDto } from '../dto/agreement-view.dto.js';
import { RecognitionService } from '../services/recognition.service.js';

const ADMIN_PROBLEMS = ['VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN'] as const;

@ApiTags('admin: agreements')
@Auth('admin')
@Controller('admin/agreements')
export class AdminAgreementsController {
  constructor(private readonly recognition: RecognitionService) {}

  @Post()
  @ApiOperation({
    summary: 'Record a recognition agreement with its directions, scope and conditions',
    description:
      'Records a recognition agreement between countries: its kind, mode, directions (origin → destination), purposes, scope (levels, fields, occupations, standards), hard and soft conditions, and dates. Verification answers use it from `validFrom`. Audited.',
  })
  @ApiCreatedResponse({ type: AgreementDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'SLUG_TAKEN', 'INVALID_REFERENCE', 'INVALID_DATE_RANGE')
  create(@Body() dto: CreateAgreementDto): Promise<AgreementDto> {
    return this.recognition.createAgreement(dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename, change the mode or end date, or suspend, reinstate or terminate an agreement',
    description: 'A status change needs a reason and enters the status history.',
  })
  @ApiParam({ name: 'id', example: 'agr-pe-cl-2026-demo' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'INVALID_STATUS_TRANSITION', 'INVALID_DATE_RANGE')
  update(@Param('id') id: string, @Body() dto: UpdateAgreementDto): Promise<AgreementDto> {
    return this.recognition.updateAgreement(id, dto);
  }

  @Post(':id/mappings')
  @ApiOperation({
    summary: 'Add an equivalence mapping in one of the agreement directions',
    description:
      'Adds an explicit equivalence in one direction of the agreement: a standard or level of the origin to a standard or level of the destination, full or partial (with the missing units). The same mapping twice is 409.',
  })
  @ApiParam({ name: 'id', example: 'agr-pe-cl-2026-demo' })
  @ApiCreatedResponse({ type: MappingViewDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'INVALID_REFERENCE', 'CONFLICT')
  addMapping(@Param('id') id: string, @Body() dto: CreateMappingDto): Promise<MappingViewDto> {
    return this.recognition.addMapping(id, dto);
  }

  @Delete(':id/mappings/:mappingId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an equivalence mapping',
    description:
      "Removes an equivalence mapping; later answers fall back to the agreement's rules. Audited.",
  })
  @ApiNoContentResponse()
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND')
  removeMapping(@Param('id') id: string, @Param('mappingId') mappingId: string): Promise<void> {
    return this.recognition.removeMapping(id, mappingId);
  }
}
