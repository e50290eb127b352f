import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  Optional,
  ValidateCountry,
  ValidateNestedObject,
  ValidateSlug,
  ValidateText,
} from '../../../common/validation/validators.js';
import { PURPOSES } from '../../recognition/recognition.constants.js';
import { PROCEDURE_ROUTES } from '../procedure-rules.js';
import {
  CASE_FILES_PER_MESSAGE,
  CASE_OUTCOMES,
  DECISION_CONDITION_KINDS,
  DECISION_EFFECTS,
  LEGALISATION_ROUTES,
} from '../recognition-cases.constants.js';

export class CaseFileInputDto {
  @ApiProperty({ example: 'notas.pdf', pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/, {
    message: '$property must be a plain file name (letters, digits, space, . _ -)',
  })
  filename: string;

  @ApiProperty({ description: 'The bytes in base64: a PDF, PNG or JPEG of at most 512 KiB' })
  @IsString()
  @MaxLength(700_000)
  contentBase64: string;
}

export class OpenCaseDto {
  @ValidateCountry({ description: 'Where recognition is asked for (ISO 3166-1 alpha-2)' })
  destinationCountry: string;

  @ValidateSlug({
    optional: true,
    description: "The competent authority's slug; needed only where the country has several",
  })
  authority?: string;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 5 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  credentialIds: string[];

  @ApiProperty({ enum: LEGALISATION_ROUTES })
  @IsIn(LEGALISATION_ROUTES)
  legalisation: string;

  @ApiPropertyOptional({ enum: PROCEDURE_ROUTES, description: "Default: the country's own" })
  @Optional()
  @IsIn(PROCEDURE_ROUTES)
  route?: string;

  @ValidateText(2000, { optional: true, description: 'What the holder wants to say' })
  statement?: string;

  @ApiPropertyOptional({ type: [CaseFileInputDto], maxItems: CASE_FILES_PER_MESSAGE })
  @Optional()
  @IsArray()
  @ArrayMaxSize(CASE_FILES_PER_MESSAGE)
  @ValidateNested({ each: true })
  @Type(() => CaseFileInputDto)
  files?: CaseFileInputDto[];
}

export class CaseMessageDto {
  @ValidateText(2000)
  message: string;

  @ApiPropertyOptional({ type: [CaseFileInputDto], maxItems: CASE_FILES_PER_MESSAGE })
  @Optional()
  @IsArray()
  @ArrayMaxSize(CASE_FILES_PER_MESSAGE)
  @ValidateNested({ each: true })
  @Type(() => CaseFileInputDto)
  files?: CaseFileInputDto[];
}

export class InfoRequestDto {
  @ValidateText(2000)
  message: string;
}

export class EquivalentLevelDto {
  @ApiProperty({ example: 'CO-MNC' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
  framework: string;

  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  level: number;
}

export class DecisionConditionDto {
  @ApiProperty({ enum: DECISION_CONDITION_KINDS })
  @IsIn(DECISION_CONDITION_KINDS)
  kind: string;

  @ValidateText(400)
  description: string;
}

export class DecideCaseDto {
  @ApiProperty({ enum: CASE_OUTCOMES })
  @IsIn(CASE_OUTCOMES)
  outcome: string;

  @ValidateText(100, { description: "The authority's number of the decision" })
  decisionNumber: string;

  @ApiPropertyOptional({ enum: PROCEDURE_ROUTES, description: "Default: the case's route" })
  @Optional()
  @IsIn(PROCEDURE_ROUTES)
  route?: string;

  @ValidateText(300, { optional: true, description: 'Required unless REFUSED' })
  equivalentTitle?: string;

  @ApiPropertyOptional({ type: EquivalentLevelDto, description: 'Required unless REFUSED' })
  @Optional()
  @ValidateNestedObject(() => EquivalentLevelDto)
  equivalentLevel?: EquivalentLevelDto;

  @ApiProperty({ enum: DECISION_EFFECTS, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(DECISION_EFFECTS, { each: true })
  effects: string[];

  @ApiPropertyOptional({
    type: [DecisionConditionDto],
    description: 'Required (at least one) for RECOGNISED_WITH_CONDITIONS, refused otherwise',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DecisionConditionDto)
  conditions?: DecisionConditionDto[];

  @ApiPropertyOptional({ type: [String], description: 'Required (at least one) for REFUSED' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  reasons?: string[];
}
