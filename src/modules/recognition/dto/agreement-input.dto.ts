import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  Optional,
  ValidateCountry,
  ValidateDate,
  ValidateNestedObject,
  ValidateSlug,
  ValidateText,
} from '../../../common/validation/validators.js';
import { CREDENTIAL_TYPES } from '../../../vc/schemas.js';
import {
  AGREEMENT_KINDS,
  AGREEMENT_MODES,
  AGREEMENT_STATUSES,
  CONDITION_CODES,
  EQUIVALENCE_RULES,
  MAPPING_KINDS,
  PURPOSES,
  SOFT_CONDITION_CODES,
  type AgreementKind,
  type AgreementMode,
  type AgreementStatus,
  type ConditionCode,
  type EquivalenceRule,
  type MappingKind,
  type Purpose,
  type SoftConditionCode,
} from '../recognition.constants.js';

const codes = (description: string, example: string[]) =>
  ApiPropertyOptional({ type: [String], description, example, default: [] });

export class DirectionDto {
  @ValidateCountry({ description: 'Country whose credentials the agreement covers' })
  origin: string;

  @ValidateCountry({ description: 'Country where they are recognised' })
  destination: string;
}

export class ConditionInputDto {
  @ApiProperty({
    enum: CONDITION_CODES,
    description:
      'Hard (ISSUED_AFTER, MAX_AGE_YEARS, ISSUER_AUTHORISED, IDENTITY_VERIFIED): unmet, the ' +
      'credential is not covered. Soft (the others): recognised with this condition.',
  })
  @IsIn(CONDITION_CODES)
  code: ConditionCode;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { years: 5 },
    description: 'ISSUED_AFTER needs {date: YYYY-MM-DD}; MAX_AGE_YEARS needs {years: n}',
  })
  @Optional()
  @IsObject()
  params?: Record<string, unknown>;
}

export class FieldRestrictionInputDto {
  @codes(
    'ISCED-F codes the restriction covers (a broad or narrow field covers its detailed ones)',
    ['091'],
  )
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  iscedFields?: string[];

  @codes('ISCO-08 codes the restriction covers (a group covers its unit groups)', ['2221'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  occupations?: string[];

  @ApiPropertyOptional({ enum: PURPOSES, isArray: true, description: 'Omitted: every purpose' })
  @Optional()
  @IsArray()
  @IsIn(PURPOSES, { each: true })
  purposes?: Purpose[];

  @ApiProperty({ enum: SOFT_CONDITION_CODES, example: 'PROFESSIONAL_LICENCE' })
  @IsIn(SOFT_CONDITION_CODES)
  condition: SoftConditionCode;
}

export class CreateAgreementDto {
  @ValidateSlug({ description: 'Permanent identifier, e.g. agr-pe-cl-2026-demo' })
  id: string;

  @ValidateText(300)
  name: string;

  @ValidateText(500, { description: 'The treaty, decree or resolution' })
  legalInstrument: string;

  @ApiProperty({ enum: AGREEMENT_KINDS })
  @IsIn(AGREEMENT_KINDS)
  kind: AgreementKind;

  @ApiProperty({ type: [DirectionDto], description: 'Every origin → destination it covers' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DirectionDto)
  directions: DirectionDto[];

  @ApiProperty({
    type: [String],
    example: ['CompetencyCertificationCredential'],
    description: `Any of ${CREDENTIAL_TYPES.join(', ')}`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  credentialTypes: string[];

  @ApiPropertyOptional({ example: 1, description: 'Lowest meta level (MRR-LAC) covered' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(20)
  metaLevelMin?: number;

  @ApiPropertyOptional({ example: 4, description: 'Highest meta level (MRR-LAC) covered' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(20)
  metaLevelMax?: number;

  @codes('ISCED-F codes covered; empty: any field', ['091'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  iscedFields: string[] = [];

  @codes('ISCO-08 codes covered; empty: any occupation', ['5322'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  occupations: string[] = [];

  @codes('Occupational standard ids covered; empty: any standard', ['std-pe-coc'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  standards: string[] = [];

  @ApiProperty({ enum: PURPOSES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PURPOSES, { each: true })
  purposes: Purpose[];

  @ApiProperty({ enum: AGREEMENT_MODES })
  @IsIn(AGREEMENT_MODES)
  mode: AgreementMode;

  @codes('Countries whose recognition decisions the agreement honours', ['CO'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(8, { each: true })
  acceptsDecisionsFrom: string[] = [];

  @ApiPropertyOptional({ type: [ConditionInputDto], default: [] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ConditionInputDto)
  conditions: ConditionInputDto[] = [];

  @ApiPropertyOptional({
    type: [FieldRestrictionInputDto],
    default: [],
    description: 'Soft conditions for some fields or occupations, e.g. regulated professions',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FieldRestrictionInputDto)
  fieldRestrictions: FieldRestrictionInputDto[] = [];

  @ApiPropertyOptional({
    enum: EQUIVALENCE_RULES,
    description:
      'Derives equivalences where no mapping is listed: SAME_OCCUPATION_SAME_LEVEL makes the ' +
      "destination's standard of the same ISCO-08 unit group FULL at the same meta level, " +
      'PARTIAL (gap assessment) one level apart',
  })
  @Optional()
  @IsIn(EQUIVALENCE_RULES)
  equivalenceRule?: EquivalenceRule;

  @ValidateDate()
  validFrom: string;

  @ValidateDate({ optional: true, description: 'Last day in force; omitted, open-ended' })
  validTo?: string;
}

/**
 * What may change in an agreement. Its scope, directions and conditions do not: answers for past
 * dates depend on them, so an amended agreement is a new agreement (as the andino pilot's).
 */
export class UpdateAgreementDto {
  @ValidateText(300, { optional: true })
  name?: string;

  @ValidateText(500, { optional: true })
  legalInstrument?: string;

  @ApiPropertyOptional({ enum: AGREEMENT_MODES })
  @Optional()
  @IsIn(AGREEMENT_MODES)
  mode?: AgreementMode;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date',
    description: 'Last day in force, or null for open-ended',
  })
  @ValidateIf((dto: UpdateAgreementDto) => dto.validTo !== null && dto.validTo !== undefined)
  @ValidateDate({ optional: true })
  validTo?: string | null;

  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES, description: 'Suspend, reinstate or terminate' })
  @Optional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  @ApiPropertyOptional({ description: 'Required with a status change' })
  @ValidateIf((dto: UpdateAgreementDto) => dto.status !== undefined || dto.reason !== undefined)
  @ValidateText(1000)
  reason?: string;
}

export class MappingFromDto {
  @ValidateSlug({ optional: true, description: 'A standard of the origin country' })
  standardId?: string;

  @ApiPropertyOptional({ example: 3, description: 'A meta level (MRR-LAC)' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(20)
  metaLevel?: number;

  @ApiPropertyOptional({ example: '5120', description: 'An ISCO-08 code' })
  @Optional()
  @IsString()
  @MaxLength(10)
  isco?: string;
}

export class MappingToDto {
  @ValidateSlug({ optional: true, description: 'A standard of the destination country' })
  standardId?: string;

  @ApiPropertyOptional({ example: 'PE-MNC', description: 'Framework of `level`' })
  @Optional()
  @IsString()
  @MaxLength(40)
  framework?: string;

  @ApiPropertyOptional({ example: 3 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(20)
  level?: number;

  @ValidateText(300, { optional: true, description: 'An equivalent title' })
  title?: string;
}

export class CreateMappingDto {
  @ValidateCountry({ description: 'One of the agreement directions: its origin' })
  origin: string;

  @ValidateCountry({ description: 'One of the agreement directions: its destination' })
  destination: string;

  @ApiProperty({ type: MappingFromDto, description: 'A standard, a meta level or an occupation' })
  @IsDefined()
  @ValidateNestedObject(() => MappingFromDto)
  from: MappingFromDto;

  @ApiProperty({ type: MappingToDto, description: 'A standard, a level or a title' })
  @IsDefined()
  @ValidateNestedObject(() => MappingToDto)
  to: MappingToDto;

  @ApiProperty({ enum: MAPPING_KINDS })
  @IsIn(MAPPING_KINDS)
  kind: MappingKind;

  @codes('Units of the destination standard not covered', ['UC3', 'UC4'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  missingUnits: string[] = [];

  @ApiPropertyOptional({ enum: SOFT_CONDITION_CODES, isArray: true, default: [] })
  @Optional()
  @IsArray()
  @IsIn(SOFT_CONDITION_CODES, { each: true })
  conditions: SoftConditionCode[] = [];

  @ValidateText(1000, { optional: true })
  note?: string;
}
