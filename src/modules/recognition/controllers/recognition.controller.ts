import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { AgreementDto, AgreementListDto } from '../dto/agreement-view.dto.js';
import { RecognitionService } from '../services/recognition.service.js';

@ApiTags('recognition')
@Controller('recognition/agreements')
export class RecognitionController {
  constructor(private readonly recognition: RecognitionService) {}

  @Get()
  @ApiOperation({
    summary: 'Recognition agreements',
    description:
      'Every agreement, current and past, with its directions, scope, conditions, field ' +
      'restrictions, equivalence mappings and status history.',
  })
  @ApiOkResponse({ type: AgreementListDto })
  @ApiProblems()
  async list(): Promise<AgreementListDto> {
    return { items: await this.recognition.listAgreements() };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One recognition agreement',
    description:
      'One recognition agreement with its directions, scope, conditions, equivalence mappings and status history. Unknown id: 404.',
  })
  @ApiParam({ name: 'id', example: 'agr-pe-cl-2026-demo' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiProblems('NOT_FOUND')
  get(@Param('id') id: string): Promise<AgreementDto> {
    return this.recognition.getAgreement(id);
  }
}
