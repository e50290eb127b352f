import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { CountryListDto } from './dto/country.dto.js';
import { LangQueryDto } from './dto/lang-query.dto.js';
import { StandardDto, StandardListDto, StandardQueryDto } from './dto/standard.dto.js';
import { ReferenceService } from './reference.service.js';

@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('countries')
  @ApiOperation({
    summary: 'ISO 3166-1 countries, named and sorted in the language asked for',
    description:
      'Every ISO 3166-1 country with its name in the language asked for (`lang`, default Spanish), sorted for that language; what the `country` parameters accept.',
  })
  @ApiOkResponse({ type: CountryListDto })
  @ApiProblems('VALIDATION_FAILED')
  async countries(@Query() query: LangQueryDto): Promise<CountryListDto> {
    return { items: await this.reference.listCountries(query.lang) };
  }

  @Get('standards')
  @ApiOperation({
    summary: 'Occupational standards and their units of competency',
    description:
      "The occupational standards of the region's countries with their units of competency, filtered by country; the `code` and unit codes are what a certificate's `subject.standards` and `unitsAchieved` name.",
  })
  @ApiOkResponse({ type: StandardListDto })
  @ApiProblems('VALIDATION_FAILED')
  async standards(@Query() query: StandardQueryDto): Promise<StandardListDto> {
    return { items: await this.reference.listStandards({ country: query.country }) };
  }

  @Get('standards/:idOrCode')
  @ApiOperation({
    summary: 'One occupational standard',
    description: 'By id, or by code (its latest version).',
  })
  @ApiParam({ name: 'idOrCode', example: 'std-pe-coc' })
  @ApiOkResponse({ type: StandardDto })
  @ApiProblems('NOT_FOUND')
  standard(@Param('idOrCode') idOrCode: string): Promise<StandardDto> {
    return this.reference.getStandardOrThrow(idOrCode);
  }
}
