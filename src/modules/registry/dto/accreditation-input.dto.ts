import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Optional, ValidateDate, ValidateText } from '../../../common/validation/validators.js';
import { CREDENTIAL_TYPES } from '../../../vc/schemas.js';

const codes = (description: string, example: string[]) =>
  ApiPropertyOptional({ type: [String], description, example, default: [] });

export class CreateAccreditationDto {
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

  @ApiPropertyOptional({
    example: 'PE-MNC',
    description: 'Framework of the level range; omitted, any level',
  })
  @Optional()
  @IsString()
  @MaxLength(40)
  framework?: string;

  @ApiPropertyOptional({ example: 1 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(20)
  minLevel?: number;

  @ApiPropertyOptional({ example: 4 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(20)
  maxLevel?: number;

  @codes('ISCED-F 2013 codes; a broad or narrow field covers its detailed fields', ['091'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  iscedFields: string[] = [];

  @codes('ISCO-08 codes; a group covers its unit groups', ['5322'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  occupations: string[] = [];

  @codes('Occupational standard ids', ['std-pe-coc'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  standards: string[] = [];

  @codes('Countries where the credentials have effect; omitted, the issuer country', ['PE'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(8, { each: true })
  jurisdiction: string[] = [];

  @ValidateDate()
  validFrom: string;

  @ValidateDate({ optional: true })
  validUntil?: string;

  @ValidateText(300, {
    description: 'The authority that accredited, e.g. a ministry or parent issuer',
  })
  accreditedBy: string;

  @ValidateText(500, { optional: true, description: 'Resolution, decree or agreement' })
  legalReference?: string;
}

export class EndAccreditationDto {
  @ValidateText(1000)
  reason: string;

  @ValidateDate({ optional: true, description: 'Last day of validity; defaults to today' })
  validUntil?: string;
}
