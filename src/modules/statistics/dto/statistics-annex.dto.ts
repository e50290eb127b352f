import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';
import {
  AGE_BANDS,
  DISABILITY_ANSWERS,
  ETHNICITY_CODE_LIST,
  MIGRATION_STATUSES,
  SEXES,
  type AgeBand,
  type DisabilityAnswer,
  type MigrationStatus,
  type Sex,
} from '../statistics-annex.js';

/**
 * Optional attributes for statistics only: never signed into the credential, never shown to a
 * verifier, stored pseudonymised and counted only while the holder consents (docs/statistics.md).
 */
export class StatisticsAnnexDto {
  @ApiPropertyOptional({ enum: SEXES })
  @Optional()
  @IsIn(SEXES)
  sex?: Sex;

  @ApiPropertyOptional({ example: 'VE', description: 'ISO 3166-1 alpha-2' })
  @Optional()
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code' })
  nationality?: string;

  @ApiPropertyOptional({
    enum: MIGRATION_STATUSES,
    description: 'Sensitive: see docs/statistics.md',
  })
  @Optional()
  @IsIn(MIGRATION_STATUSES)
  migrationStatus?: MigrationStatus;

  @ApiPropertyOptional({ enum: AGE_BANDS })
  @Optional()
  @IsIn(AGE_BANDS)
  ageBand?: AgeBand;

  @ApiPropertyOptional({ enum: DISABILITY_ANSWERS, description: 'Sensitive (health)' })
  @Optional()
  @IsIn(DISABILITY_ANSWERS)
  disability?: DisabilityAnswer;

  @ApiPropertyOptional({
    enum: ETHNICITY_CODE_LIST,
    description: "Self-declared, from the issuing country's own list (`CO:NARP`); sensitive",
  })
  @Optional()
  @IsIn(ETHNICITY_CODE_LIST)
  ethnicity?: string;
}
