import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import {
  StatisticsDimensionsDto,
  StatisticsHeadlineDto,
  StatisticsQueryDto,
  StatisticsTableDto,
} from './dto/statistics.dto.js';
import { StatisticsService } from './statistics.service.js';
import { ALL_TABLE_IDS } from './statistics-activity.js';

const TABLES_DESCRIPTION =
  'Certifications counted from a fixed set of tables, protected together: every published cell counts at least k = 5 certifications and people (10 in a cross with a sensitive attribute); suppressed cells are null, and complementary suppression keeps them from being derived from totals or other queries (docs/statistics.md). Holders who withdrew statistics consent are not counted.';

@ApiTags('statistics')
@Controller('stats')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('dimensions')
  @ApiOperation({
    summary: 'The published countries, years, credential types and tables',
    description:
      'What the public statistics can be filtered by: the countries, periods and credential types published, and the tables.',
  })
  @ApiOkResponse({ type: StatisticsDimensionsDto })
  @ApiProblems('INTERNAL_ERROR')
  dimensions(): Promise<StatisticsDimensionsDto> {
    return this.statistics.dimensions();
  }

  @Get('headline')
  @ApiOperation({
    summary: 'N certified, the share of Venezuelan migrants and of women',
    description: TABLES_DESCRIPTION,
  })
  @ApiOkResponse({ type: StatisticsHeadlineDto })
  @ApiProblems('VALIDATION_FAILED', 'INVALID_REFERENCE')
  headline(@Query() query: StatisticsQueryDto): Promise<StatisticsHeadlineDto> {
    return this.statistics.headline(query);
  }

  @Get('tables/:id')
  @ApiOperation({ summary: 'One published table', description: TABLES_DESCRIPTION })
  @ApiParam({ name: 'id', enum: ALL_TABLE_IDS })
  @ApiOkResponse({ type: StatisticsTableDto })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_REFERENCE')
  table(@Param('id') id: string, @Query() query: StatisticsQueryDto): Promise<StatisticsTableDto> {
    return this.statistics.table(id, query);
  }

  @Get('tables/:id/csv')
  @ApiOperation({
    summary: 'One published table as CSV',
    description:
      'One line per cell; a suppressed cell has an empty count and `x` under suppressed.',
  })
  @ApiParam({ name: 'id', enum: ALL_TABLE_IDS })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_REFERENCE')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  csv(@Param('id') id: string, @Query() query: StatisticsQueryDto): Promise<string> {
    return this.statistics.csv(id, query);
  }
}
