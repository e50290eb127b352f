import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { FrameworkDto, FrameworkListDto } from './dto/framework.dto.js';
import { ReferenceService } from './reference.service.js';

@ApiTags('frameworks')
@Controller('frameworks')
export class FrameworksController {
  constructor(private readonly reference: ReferenceService) {}

  @Get()
  @ApiOperation({
    summary: 'Qualifications frameworks and their levels',
    description:
      'The regional meta-framework (MRR-LAC) first, then the national frameworks; each level ' +
      'names the meta-framework level it is referenced to.',
  })
  @ApiOkResponse({ type: FrameworkListDto })
  @ApiProblems()
  async list(): Promise<FrameworkListDto> {
    return { items: await this.reference.listFrameworks() };
  }

  @Get(':code')
  @ApiOperation({
    summary: 'One framework and its levels',
    description:
      'A qualifications framework (national, or the regional meta-framework) with its levels, each with its descriptor and, for a national framework, the meta level it is referenced to. Unknown code: 404.',
  })
  @ApiParam({ name: 'code', example: 'CO-MNC' })
  @ApiOkResponse({ type: FrameworkDto })
  @ApiProblems('NOT_FOUND')
  get(@Param('code') code: string): Promise<FrameworkDto> {
    return this.reference.getFrameworkOrThrow(code);
  }
}
