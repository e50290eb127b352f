import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { ProcedureDto } from '../dto/case-view.dto.js';
import { CompetentAuthoritiesService } from '../services/competent-authorities.service.js';

@ApiTags('recognition')
@Controller('recognition/procedures')
export class ProceduresController {
  constructor(private readonly authorities: CompetentAuthoritiesService) {}

  @Get()
  @ApiOperation({
    summary: 'Each country’s recognition procedure and its competent authorities',
    description:
      'Routes and legal terms (calendar or business days, public holidays of the country), ' +
      'what silence means once the term has passed, and the fee (information only).',
  })
  @ApiOkResponse({ type: [ProcedureDto] })
  @ApiProblems()
  list(): Promise<ProcedureDto[]> {
    return this.authorities.procedures();
  }
}
