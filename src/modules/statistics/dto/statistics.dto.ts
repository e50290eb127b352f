import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';
import { ALL_TABLE_IDS } from '../statistics-activity.js';

export class StatisticsQueryDto {
  @ApiPropertyOptional({ example: 'CO', description: 'Issuing country; all when absent' })
  @Optional()
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({
    example: '2021',
    description: 'A year; a quarter (`2021-Q3`) only in the certifications table',
  })
  @Optional()
  @Matches(/^\d{4}(-Q[1-4])?$/, { message: '$property must be YYYY or YYYY-Qn' })
  period?: string;

  @ApiPropertyOptional({ example: 'CompetencyCertificationCredential' })
  @Optional()
  @Matches(/^[A-Za-z]{1,100}$/, { message: '$property must be a credential type' })
  type?: string;

  @ApiPropertyOptional({
    enum: ['5'],
    description: 'Round published counts to base 5 (shares then come from the rounded counts)',
  })
  @Optional()
  @IsIn(['5'])
  rounding?: '5';
}

export class StatisticsCellDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Null when suppressed' })
  value: number | null;
  @ApiProperty() suppressed: boolean;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "Share of the column's total (0–1), from published counts only",
  })
  share: number | null;
}

export class StatisticsRowDto {
  @ApiProperty({ description: 'The code of the row (`*` is the total)' }) code: string;
  @ApiProperty({ type: [StatisticsCellDto], description: 'One per column' })
  cells: StatisticsCellDto[];
}

export class StatisticsTableDto {
  @ApiProperty({ enum: ALL_TABLE_IDS }) id: string;
  @ApiProperty({ description: 'The dimension the rows show' }) rowDimension: string;
  @ApiProperty({
    enum: ['ISSUING_COUNTRY', 'DESTINATION_COUNTRY'],
    description:
      "What the columns' countries are: the issuer's country (certifications, recognition decisions: the deciding authority's), or the destination country a verifier or a holder declared (verifications, recognition cases; `NONE` when none was)",
  })
  columnDimension: 'ISSUING_COUNTRY' | 'DESTINATION_COUNTRY';
  @ApiProperty({ description: 'Threshold k of the cells of the rows (10 when sensitive)' })
  k: number;
  @ApiProperty() sensitive: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  filters: Record<string, string>;
  @ApiProperty({ type: [String], description: 'Issuing countries (`*` is all)' })
  columns: string[];
  @ApiProperty({ type: [StatisticsRowDto] }) rows: StatisticsRowDto[];
  @ApiProperty({ nullable: true, type: Number }) rounding: number | null;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'number', nullable: true },
    description:
      'The `cases` table only: median days from submission to decision of the decided cases of each column, null unless their count is a published cell of at least k',
    example: [41, null],
  })
  medianDaysToDecision?: (number | null)[];
}

export class StatisticsHeadlineDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Certifications issued' })
  certified: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of Venezuelan migrants (0–1)' })
  venezuelanMigrants: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of women (0–1)' })
  women: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  filters: Record<string, string>;
}

export class StatisticsDimensionsDto {
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ type: [String] }) years: string[];
  @ApiProperty({ type: [String] }) types: string[];
  @ApiProperty({ type: [String], enum: ALL_TABLE_IDS }) tables: string[];
  @ApiProperty() k: number;
  @ApiProperty() kSensitive: number;
}
